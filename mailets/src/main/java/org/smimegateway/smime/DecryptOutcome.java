package org.smimegateway.smime;

import java.util.List;
import javax.mail.internet.MimeMessage;

/** What became of one encryption layer. */
public sealed interface DecryptOutcome {

    /**
     * Decrypted: {@code message} carries the original envelope headers and the decrypted entity byte for byte;
     * {@code keyTransport} names how the content key reached us (e.g. {@code RSA_OAEP_SHA256}, {@code RSA_PKCS1}).
     */
    record Decrypted(MimeMessage message, String algorithm, String keyTransport, boolean authenticated,
                     List<String> recipients)
        implements DecryptOutcome {
        public Decrypted {
            recipients = List.copyOf(recipients);
        }
    }

    /** None of the RecipientInfos names a key the gateway holds. */
    record NoKey(String algorithm, List<String> recipients) implements DecryptOutcome {
        public NoKey {
            recipients = List.copyOf(recipients);
        }
    }

    /** The CMS structure could not be read, or the key did not unwrap the content key. */
    record Corrupt(String reason) implements DecryptOutcome {
    }

    /** AES-GCM authentication failed: the content was altered; nothing of it is released. */
    record TagFailure(String reason) implements DecryptOutcome {
    }

    /** A legacy cipher (3DES, RC2, ...) that is only accepted when explicitly allowed. */
    record LegacyAlgorithmRefused(String algorithm) implements DecryptOutcome {
    }

    /** A content-encryption algorithm this gateway does not know at all (not a legacy one it could allow). */
    record UnsupportedAlgorithm(String oid) implements DecryptOutcome {
    }

    /**
     * The stable code of the outcome, for {@code Decryption-Reason-LEVEL}: {@code decrypted}, {@code no-key},
     * {@code corrupt}, {@code content-altered}, {@code legacy-algorithm}, {@code unsupported-algorithm}.
     */
    default String code() {
        if (this instanceof NoKey) {
            return "no-key";
        }
        if (this instanceof Corrupt) {
            return "corrupt";
        }
        if (this instanceof TagFailure) {
            return "content-altered";
        }
        if (this instanceof LegacyAlgorithmRefused) {
            return "legacy-algorithm";
        }
        if (this instanceof UnsupportedAlgorithm) {
            return "unsupported-algorithm";
        }
        return "decrypted";
    }

    /** Why the layer was left encrypted, for the info header; empty for {@link Decrypted}. */
    default String reason() {
        if (this instanceof NoKey n) {
            return "no private key for any of " + n.recipients();
        }
        if (this instanceof Corrupt c) {
            return "corrupt: " + c.reason();
        }
        if (this instanceof TagFailure t) {
            return "authentication tag failure: " + t.reason();
        }
        if (this instanceof LegacyAlgorithmRefused l) {
            return "legacy algorithm " + l.algorithm() + " not allowed";
        }
        if (this instanceof UnsupportedAlgorithm u) {
            return "unsupported content-encryption algorithm " + u.oid();
        }
        return "";
    }
}
