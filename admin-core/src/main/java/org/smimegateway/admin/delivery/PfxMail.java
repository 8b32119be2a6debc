package org.smimegateway.admin.delivery;

import java.util.Objects;

/**
 * The mail that carries a PKCS#12 file. It has no field for a password on purpose: the password travels by
 * another channel.
 */
public record PfxMail(String from, String to, String subject, String instructions, byte[] pkcs12, String fileName) {
    public PfxMail {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(instructions, "instructions");
        Objects.requireNonNull(fileName, "fileName");
        pkcs12 = pkcs12.clone();
    }

    @Override
    public byte[] pkcs12() {
        return pkcs12.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PfxMail other && from.equals(other.from) && to.equals(other.to)
            && java.util.Arrays.equals(pkcs12, other.pkcs12);
    }

    @Override
    public int hashCode() {
        return Objects.hash(from, to);
    }

    @Override
    public String toString() {
        return "PfxMail[" + from + " -> " + to + ", " + fileName + "]";
    }
}
