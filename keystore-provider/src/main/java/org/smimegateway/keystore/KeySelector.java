package org.smimegateway.keystore;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import javax.security.auth.x500.X500Principal;

/**
 * Identifies a recipient's key the way a CMS RecipientInfo does: by issuer and serial number, or by subject key
 * identifier.
 */
public sealed interface KeySelector permits KeySelector.IssuerAndSerial, KeySelector.SubjectKeyId {

    record IssuerAndSerial(X500Principal issuer, BigInteger serialNumber) implements KeySelector {
        public IssuerAndSerial {
            Objects.requireNonNull(issuer, "issuer");
            Objects.requireNonNull(serialNumber, "serialNumber");
        }
    }

    record SubjectKeyId(byte[] keyIdentifier) implements KeySelector {
        public SubjectKeyId {
            keyIdentifier = keyIdentifier.clone();
        }

        @Override
        public byte[] keyIdentifier() {
            return keyIdentifier.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof SubjectKeyId other && Arrays.equals(keyIdentifier, other.keyIdentifier);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(keyIdentifier);
        }

        @Override
        public String toString() {
            return "SubjectKeyId[" + HexFormat.of().formatHex(keyIdentifier) + "]";
        }
    }
}
