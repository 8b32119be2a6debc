package org.smimegateway.admin.store;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Objects;

/** An end-user certificate in the gateway store, the address it is filed under, and whether its key is kept. */
public record StoredCertificate(String address, X509Certificate certificate, boolean keyKept, Path location) {
    public StoredCertificate {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(location, "location");
    }

    public String serialHex() {
        return certificate.getSerialNumber().toString(16);
    }
}
