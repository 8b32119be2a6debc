package org.smimegateway.admin.ca;

import java.math.BigInteger;
import org.smimegateway.admin.CryptoProvider;

/**
 * Random positive serial numbers of 127 bits: unpredictable (CA/B Forum asks for at least 64 random bits) and short
 * enough to stay under the 20-octet limit of RFC 5280, so no counter file has to be kept consistent.
 */
public final class SerialNumbers {

    private SerialNumbers() {
    }

    public static BigInteger next() {
        BigInteger serial;
        do {
            serial = new BigInteger(127, CryptoProvider.random());
        } while (serial.signum() == 0);
        return serial;
    }
}
