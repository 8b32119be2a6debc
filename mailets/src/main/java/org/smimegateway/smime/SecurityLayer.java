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
    record Signed(int level, boolean opaque, List<SignerReport> signers, Optional<SmimeVerdict> problem)
        implements SecurityLayer {
        public Signed {
            signers = List.copyOf(signers);
        }

        /** A layer no signer can count for, with the reason. */
        public static Signed refused(int level, boolean opaque, SmimeVerdict problem) {
            return new Signed(level, opaque, List.of(), Optional.of(problem));
        }

        /** The layer's problem, else its most severe signer verdict (pass when every signer passes). */
        public SmimeVerdict verdict() {
            return problem.or(() -> SmimeVerdict.worst(signers.stream().map(SignerReport::verdict)))
                .orElseGet(SmimeVerdict::noSigner);
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

        /** The layer an outcome describes: algorithm and recipients as far as the outcome knows them. */
        public static Encrypted of(int level, DecryptOutcome outcome) {
            if (outcome instanceof DecryptOutcome.Decrypted d) {
                return new Encrypted(level, outcome, d.algorithm(), d.recipients());
            }
            if (outcome instanceof DecryptOutcome.NoKey n) {
                return new Encrypted(level, outcome, n.algorithm(), n.recipients());
            }
            if (outcome instanceof DecryptOutcome.LegacyAlgorithmRefused l) {
                return new Encrypted(level, outcome, l.algorithm(), List.of());
            }
            if (outcome instanceof DecryptOutcome.UnsupportedAlgorithm u) {
                return new Encrypted(level, outcome, u.oid(), List.of());
            }
            return new Encrypted(level, outcome, "unknown", List.of());
        }
    }
}
