package org.smimegateway.smime;

import java.util.List;
import java.util.Optional;

/** One S/MIME layer of a message, outermost at level 0. */
public sealed interface SecurityLayer {

    int level();

    /**
     * A signature layer. {@code problem} names a structural reason no signer can count (no SignerInfo, a detached
     * signature that also carries content, a signature over only part of the message).
     */
    record Signed(int level, boolean opaque, List<SignerReport> signers, Optional<String> problem) implements SecurityLayer {
        public Signed {
            signers = List.copyOf(signers);
        }

        public boolean verified() {
            return problem.isEmpty() && !signers.isEmpty() && signers.stream().allMatch(SignerReport::verified);
        }

        public boolean trusted() {
            return verified() && signers.stream().allMatch(SignerReport::trusted);
        }
    }

    /** An encryption layer and what became of it. */
    record Encrypted(int level, DecryptOutcome outcome, String algorithm, List<String> recipients) implements SecurityLayer {
        public Encrypted {
            recipients = List.copyOf(recipients);
        }

        public boolean decrypted() {
            return outcome instanceof DecryptOutcome.Decrypted;
        }
    }
}
