package org.smimegateway.admin.ca;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * A freshly issued end-user certificate with its private key and the chain above it (intermediate, root).
 */
public record IssuedCertificate(String address, PrivateKey privateKey, X509Certificate certificate,
                                List<X509Certificate> chain) {
    public IssuedCertificate {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(certificate, "certificate");
        chain = List.copyOf(chain);
    }

    public String serialHex() {
        return certificate.getSerialNumber().toString(16);
    }

    @Override
    public String toString() {
        return "IssuedCertificate[" + address + ", serial=" + serialHex() + "]";
    }
}
