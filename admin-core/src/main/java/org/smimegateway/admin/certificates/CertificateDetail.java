package org.smimegateway.admin.certificates;

import java.util.List;

/**
 * One certificate with the live keystore's trust verdict.
 *
 * @param certificate the certificate (source and file of its first store entry)
 * @param files       every store file that holds it, relative to the store directory
 * @param keyKept     whether the gateway keeps its private key (a file in keys/)
 * @param trust       the verdict of the live keystore's validation, now
 * @param chain       the validated path above the certificate up to and including the anchor; empty unless trusted
 */
public record CertificateDetail(CertificateView certificate, List<String> files, boolean keyKept, Trust trust,
                                List<CertificateView> chain) {

    /**
     * @param verdict {@code trusted}, {@code untrusted}, {@code revoked} or {@code unknown}
     * @param reason  why not trusted; null when trusted
     */
    public record Trust(String verdict, String reason) {
    }
}
