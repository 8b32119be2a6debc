package org.smimegateway.smime;

import java.util.Arrays;
import java.util.Optional;

/**
 * Why a signature, a signer or a message got its {@link SmimeResult}: a stable code operators can match on (it
 * appears in {@code Authentication-Results} and in the security-info headers) and the result it stands for. The
 * sentence a reader sees is in {@link SmimeVerdict}. Codes never change meaning; new ones may be added.
 */
public enum VerdictReason {
    NOT_SIGNED("not-signed", SmimeResult.NONE),
    OK("ok", SmimeResult.PASS),
    CONTENT_ALTERED("content-altered", SmimeResult.FAIL),
    SIGNATURE_UNREADABLE("signature-unreadable", SmimeResult.NEUTRAL),
    CONTENT_AMBIGUOUS("content-ambiguous", SmimeResult.PERMERROR),
    NO_SIGNER("no-signer", SmimeResult.PERMERROR),
    NO_CONTENT("no-content", SmimeResult.PERMERROR),
    SIGNER_CERTIFICATE_MISSING("signer-certificate-missing", SmimeResult.PERMERROR),
    UNSUPPORTED_ALGORITHM("unsupported-algorithm", SmimeResult.PERMERROR),
    WEAK_ALGORITHM("weak-algorithm", SmimeResult.POLICY),
    CERTIFICATE_EXPIRED("certificate-expired", SmimeResult.POLICY),
    CERTIFICATE_NOT_YET_VALID("certificate-not-yet-valid", SmimeResult.POLICY),
    NOT_VALID_AT_SIGNING_TIME("not-valid-at-signing-time", SmimeResult.POLICY),
    ISSUER_UNTRUSTED("issuer-untrusted", SmimeResult.POLICY),
    CERTIFICATE_REVOKED("certificate-revoked", SmimeResult.POLICY),
    REVOCATION_UNKNOWN("revocation-unknown", SmimeResult.TEMPERROR),
    SIGNER_NOT_AUTHOR("signer-not-author", SmimeResult.POLICY),
    DISPLAY_NAME_MISMATCH("display-name-mismatch", SmimeResult.POLICY),
    FROM_MISSING("from-missing", SmimeResult.PERMERROR),
    FROM_REPEATED("from-repeated", SmimeResult.PERMERROR),
    FROM_UNREADABLE("from-unreadable", SmimeResult.PERMERROR),
    SENDER_MISSING("sender-missing", SmimeResult.PERMERROR),
    SENDER_UNREADABLE("sender-unreadable", SmimeResult.PERMERROR),
    PARTIALLY_SIGNED("partially-signed", SmimeResult.POLICY),
    COVERS_CIPHERTEXT_ONLY("covers-ciphertext-only", SmimeResult.POLICY),
    TOO_DEEP("too-deep", SmimeResult.POLICY),
    TOO_LARGE("too-large", SmimeResult.POLICY);

    private final String code;
    private final SmimeResult result;

    VerdictReason(String code, SmimeResult result) {
        this.code = code;
        this.result = result;
    }

    public String code() {
        return code;
    }

    public SmimeResult result() {
        return result;
    }

    public static Optional<VerdictReason> ofCode(String code) {
        return Arrays.stream(values()).filter(reason -> reason.code.equals(code)).findFirst();
    }
}
