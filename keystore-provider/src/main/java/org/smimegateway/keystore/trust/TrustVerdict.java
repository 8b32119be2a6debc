package org.smimegateway.keystore.trust;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/** The outcome of validating a certificate path to a trust anchor at a point in time. */
public sealed interface TrustVerdict
    permits TrustVerdict.Trusted, TrustVerdict.Untrusted, TrustVerdict.Revoked, TrustVerdict.Unknown {

    /** A path to a configured anchor exists, every certificate is valid and none is revoked. */
    record Trusted(List<X509Certificate> path, X509Certificate anchor) implements TrustVerdict {
        public Trusted {
            path = List.copyOf(path);
            Objects.requireNonNull(anchor, "anchor");
        }
    }

    /** No valid path (unknown issuer, expired, wrong usage, bad signature); {@code reason} is for the info header. */
    record Untrusted(String reason) implements TrustVerdict {
        public Untrusted {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** A certificate on the path is revoked. */
    record Revoked(X509Certificate certificate, String reason) implements TrustVerdict {
        public Revoked {
            Objects.requireNonNull(certificate, "certificate");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Revocation status could not be determined under a hard-fail policy, or a source was unavailable. */
    record Unknown(String reason) implements TrustVerdict {
        public Unknown {
            Objects.requireNonNull(reason, "reason");
        }
    }

    default boolean isTrusted() {
        return this instanceof Trusted;
    }
}
