package org.smimegateway.keystore.store;

import java.security.cert.X509Certificate;
import java.util.Comparator;

/**
 * "Best first" among usable certificates: the most recently issued one (it reflects the owner's current key), and
 * among equally recent ones the one that stays valid longest.
 */
final class CertificateRanking {
    static final Comparator<X509Certificate> BEST_FIRST = Comparator
        .comparing(X509Certificate::getNotBefore, Comparator.reverseOrder())
        .thenComparing(X509Certificate::getNotAfter, Comparator.reverseOrder())
        .thenComparing(X509Certificate::getSerialNumber, Comparator.reverseOrder());

    private CertificateRanking() {
    }
}
