package org.smimegateway.keystore.ldap;

import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.List;

/** The CA certificates and CRLs published in the directory's CA entries. */
record CaMaterial(List<X509Certificate> certificates, List<X509CRL> crls) {
    CaMaterial {
        certificates = List.copyOf(certificates);
        crls = List.copyOf(crls);
    }
}
