package org.smimegateway.admin;

import java.math.BigInteger;
import java.util.Objects;
import org.smimegateway.admin.ca.EndUserRequest;

/** What an operator asks to revoke: one serial number, or the unrevoked certificates of one address. */
public sealed interface RevocationTarget permits RevocationTarget.Serial, RevocationTarget.Address {

    record Serial(BigInteger serial) implements RevocationTarget {
        public Serial {
            Objects.requireNonNull(serial, "serial");
        }

        /** Hex, upper or lower case, colons and spaces allowed ({@code 1a:2b}, {@code 0x1A2B}). */
        public static Serial parse(String hex) {
            String digits = hex == null ? "" : hex.trim().replace(":", "").replace(" ", "");
            if (digits.startsWith("0x") || digits.startsWith("0X")) {
                digits = digits.substring(2);
            }
            if (digits.isEmpty() || !digits.matches("[0-9a-fA-F]+")) {
                throw new IllegalArgumentException("'" + hex + "' is not a hexadecimal serial number");
            }
            return new Serial(new BigInteger(digits, 16));
        }
    }

    record Address(String address) implements RevocationTarget {
        public Address {
            address = EndUserRequest.normalise(address);
        }
    }
}
