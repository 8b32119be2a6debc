package org.smimegateway.smime;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

import org.smimegateway.keystore.trust.TrustVerdict;

/**
 * One verdict: its {@link VerdictReason} (stable code and RFC 7281 result), a sentence a mail user understands, and
 * a technical detail for the operator's log (never rendered into the message: it is developer text, and may echo
 * what an outsider put into the message). Every sentence the gateway shows is made here, so the vocabulary can be
 * read in one place (and is listed in {@code mailets/README.md}).
 */
public record SmimeVerdict(VerdictReason reason, String sentence, String detail) {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    /** How many addresses, and how many characters of a name from outside, a sentence repeats at most. */
    private static final int MAX_LISTED = 5;
    private static final int MAX_NAME = 100;
    static final String COVERS_CIPHERTEXT = "signature covers only the encrypted content inside it";

    public SmimeVerdict {
        Objects.requireNonNull(reason, "reason");
        // Sentences carry addresses and names from the message and certificates: one line of printable text, always.
        sentence = sentence.replaceAll("\\p{Cntrl}+", " ");
        detail = Objects.requireNonNullElse(detail, "");
    }

    public SmimeResult result() {
        return reason.result();
    }

    public String code() {
        return reason.code();
    }

    /** The more severe of several verdicts (by result; the first among equals), if any. */
    public static Optional<SmimeVerdict> worst(Stream<SmimeVerdict> verdicts) {
        return verdicts.min(Comparator.comparing(SmimeVerdict::result));
    }

    private static SmimeVerdict of(VerdictReason reason, String sentence) {
        return new SmimeVerdict(reason, sentence, "");
    }

    private static SmimeVerdict of(VerdictReason reason, String sentence, String detail) {
        return new SmimeVerdict(reason, sentence, detail);
    }

    public static SmimeVerdict notSigned() {
        return of(VerdictReason.NOT_SIGNED, "the message is not signed");
    }

    public static SmimeVerdict ok(List<String> signerEmails) {
        return of(VerdictReason.OK, "signed by " + signers(signerEmails)
            + "; the signature is valid and the signer's certificate is trusted");
    }

    public static SmimeVerdict contentAltered(String detail) {
        return of(VerdictReason.CONTENT_ALTERED, "the message was changed after it was signed", detail);
    }

    public static SmimeVerdict signatureUnreadable(String detail) {
        return of(VerdictReason.SIGNATURE_UNREADABLE, "the signature is damaged or malformed and cannot be read", detail);
    }

    public static SmimeVerdict contentAmbiguous() {
        return of(VerdictReason.CONTENT_AMBIGUOUS, "the signature carries content of its own besides the message, so it"
            + " is unclear what it vouches for");
    }

    public static SmimeVerdict noSigner() {
        return of(VerdictReason.NO_SIGNER, "the signature names no signer");
    }

    public static SmimeVerdict noContent() {
        return of(VerdictReason.NO_CONTENT, "the signed data holds no message");
    }

    public static SmimeVerdict signerCertificateMissing() {
        return of(VerdictReason.SIGNER_CERTIFICATE_MISSING,
            "the signature does not include the signer's certificate, so it cannot be checked");
    }

    public static SmimeVerdict unsupportedSignatureAlgorithm(String detail) {
        return of(VerdictReason.UNSUPPORTED_ALGORITHM, "the signature uses an algorithm this gateway does not support",
            detail);
    }

    public static SmimeVerdict weakAlgorithm(String algorithm) {
        return of(VerdictReason.WEAK_ALGORITHM, "the signature uses " + algorithm
            + ", which is no longer accepted as secure");
    }

    public static SmimeVerdict notValidAtSigningTime(String detail) {
        return of(VerdictReason.NOT_VALID_AT_SIGNING_TIME,
            "the signer's certificate was not valid at the time the message says it was signed", detail);
    }

    public static SmimeVerdict expired(Instant notAfter, String detail) {
        return of(VerdictReason.CERTIFICATE_EXPIRED, "the signer's certificate expired on " + DAY.format(notAfter), detail);
    }

    public static SmimeVerdict notYetValid(Instant notBefore, String detail) {
        return of(VerdictReason.CERTIFICATE_NOT_YET_VALID,
            "the signer's certificate is only valid from " + DAY.format(notBefore), detail);
    }

    public static SmimeVerdict issuerUntrusted(String detail) {
        return of(VerdictReason.ISSUER_UNTRUSTED,
            "the signer's certificate was not issued by an authority this gateway trusts", detail);
    }

    public static SmimeVerdict revoked(boolean signersOwn, String detail) {
        return of(VerdictReason.CERTIFICATE_REVOKED, signersOwn ? "the signer's certificate has been revoked"
            : "the certificate of the authority that issued the signer's certificate has been revoked", detail);
    }

    public static SmimeVerdict revocationUnknown(String detail) {
        return of(VerdictReason.REVOCATION_UNKNOWN,
            "whether the signer's certificate has been revoked could not be checked now; a later check may succeed",
            detail);
    }

    public static SmimeVerdict signerNotAuthor(List<String> signerEmails, List<String> authors) {
        return of(VerdictReason.SIGNER_NOT_AUTHOR, "signed by " + signers(signerEmails) + ", but From shows "
            + listed(authors));
    }

    public static SmimeVerdict displayNameMismatch(String displayName, String address) {
        String shown = displayName.length() > MAX_NAME ? displayName.substring(0, MAX_NAME) + "..." : displayName;
        return of(VerdictReason.DISPLAY_NAME_MISMATCH, "From shows the name \"" + shown
            + "\", but the address is " + address);
    }

    public static SmimeVerdict fromMissing() {
        return of(VerdictReason.FROM_MISSING, "the message has no From field, so its author is unknown");
    }

    public static SmimeVerdict fromRepeated(int fields) {
        return of(VerdictReason.FROM_REPEATED, "the message has " + fields
            + " From fields, so it is unclear who wrote it");
    }

    public static SmimeVerdict fromUnreadable(String detail) {
        return of(VerdictReason.FROM_UNREADABLE, "the From field does not hold a readable e-mail address", detail);
    }

    public static SmimeVerdict senderMissing(int authors) {
        return of(VerdictReason.SENDER_MISSING, "From names " + authors
            + " authors but there is no Sender field saying who sent it");
    }

    public static SmimeVerdict senderUnreadable(String detail) {
        return of(VerdictReason.SENDER_UNREADABLE, "the Sender field is not one readable e-mail address", detail);
    }

    public static SmimeVerdict partiallySigned(String where) {
        return of(VerdictReason.PARTIALLY_SIGNED, "only " + where + " of the message is signed, not the whole message");
    }

    public static SmimeVerdict coversCiphertextOnly() {
        return of(VerdictReason.COVERS_CIPHERTEXT_ONLY, COVERS_CIPHERTEXT);
    }

    public static SmimeVerdict tooDeep(int layers) {
        return of(VerdictReason.TOO_DEEP, "nested deeper than " + layers + " S/MIME layers, so the inner ones were not"
            + " checked");
    }

    public static SmimeVerdict tooLarge(String parameter, long bytes) {
        return of(VerdictReason.TOO_LARGE, "not checked: the message is larger than this gateway checks (" + parameter
            + ", " + bytes + " bytes)");
    }

    /**
     * The verdict of a path validation, empty when trusted. Untrusted certificates are told apart by their validity
     * period first: "expired on ..." is what a reader can act on.
     */
    public static Optional<SmimeVerdict> ofTrust(TrustVerdict trust, Optional<X509Certificate> certificate, Instant now) {
        if (trust instanceof TrustVerdict.Revoked revoked) {
            return Optional.of(revoked(certificate.map(revoked.certificate()::equals).orElse(true), revoked.reason()));
        }
        if (trust instanceof TrustVerdict.Unknown unknown) {
            return Optional.of(revocationUnknown(unknown.reason()));
        }
        if (trust instanceof TrustVerdict.Untrusted untrusted) {
            if (certificate.isPresent()) {
                Instant notAfter = certificate.get().getNotAfter().toInstant();
                Instant notBefore = certificate.get().getNotBefore().toInstant();
                if (now.isAfter(notAfter)) {
                    return Optional.of(expired(notAfter, untrusted.reason()));
                }
                if (now.isBefore(notBefore)) {
                    return Optional.of(notYetValid(notBefore, untrusted.reason()));
                }
            }
            return Optional.of(issuerUntrusted(untrusted.reason()));
        }
        return Optional.empty();
    }

    private static String signers(List<String> emails) {
        return emails.isEmpty() ? "a certificate without an e-mail address" : listed(emails);
    }

    /** A list from outside, cut short: a From with a thousand addresses must not make a header of them all. */
    private static String listed(List<String> items) {
        if (items.size() <= MAX_LISTED) {
            return String.join(", ", items);
        }
        return String.join(", ", items.subList(0, MAX_LISTED)) + " and " + (items.size() - MAX_LISTED) + " more";
    }
}
