package org.smimegateway.keystore.store;

import org.smimegateway.keystore.trust.TrustVerdict;

/** Turns a trust verdict into the rejection reason of a decision trace, or null when the certificate is trusted. */
final class TrustReasons {
    private TrustReasons() {
    }

    static String problem(TrustVerdict verdict) {
        if (verdict instanceof TrustVerdict.Untrusted untrusted) {
            return "untrusted: " + untrusted.reason();
        }
        if (verdict instanceof TrustVerdict.Revoked revoked) {
            return "revoked: " + revoked.reason();
        }
        if (verdict instanceof TrustVerdict.Unknown unknown) {
            return "revocation status unknown: " + unknown.reason();
        }
        return null;
    }
}
