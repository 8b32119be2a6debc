package org.smimegateway.admin.ca;

import java.net.URI;

/**
 * File names under which CRLs and CA certificates are published (DER, as RFC 5280 wants them served over HTTP).
 * The URLs written into certificates are a configured base plus these names, so the publish directory and the
 * certificates cannot drift apart.
 */
public final class PublishedNames {

    public static final String ROOT_CRL = "root.crl";
    public static final String INTERMEDIATE_CRL = "intermediate.crl";
    public static final String ROOT_CERTIFICATE = "root.crt";
    public static final String INTERMEDIATE_CERTIFICATE = "intermediate.crt";

    private PublishedNames() {
    }

    public static URI under(URI base, String name) {
        String text = base.toString();
        return URI.create(text.endsWith("/") ? text + name : text + "/" + name);
    }
}
