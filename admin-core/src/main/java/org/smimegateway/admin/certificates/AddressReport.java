package org.smimegateway.admin.certificates;

import java.util.List;

/**
 * What the gateway would do for one address now, and what the file store holds for it.
 *
 * @param lookup        {@code found}, {@code notFound} or {@code unavailable}: the live keystore's answer for
 *                      encryption to the address
 * @param reason        why nothing was found or the source was unavailable; null when found
 * @param usable        the certificates mail to the address would be encrypted to, best first
 * @param rejected      certificates found for the address that the gateway refuses, each with the reason
 * @param signing       the certificate the gateway would sign with for the address as sender; null when none
 * @param signingReason why there is no signing key; null when there is one
 * @param stored        the file store's entries for the address (certs/, keys/, harvested/, published/)
 */
public record AddressReport(String address, String lookup, String reason, List<CertificateView> usable,
                            List<Rejected> rejected, CertificateView signing, String signingReason,
                            List<CertificateView> stored) {

    /** A certificate the gateway will not use, and why. */
    public record Rejected(CertificateView certificate, String reason) {
    }
}
