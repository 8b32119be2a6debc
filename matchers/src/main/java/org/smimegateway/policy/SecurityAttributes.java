package org.smimegateway.policy;

import java.util.List;

/**
 * Names of the mail attributes the S/MIME mailets set and the matchers read, so both sides agree on one spelling.
 * Flags are {@code Boolean} attribute values; a {@code String} {@code "true"} (as James's {@code SetMailAttribute}
 * writes) is read as true too.
 */
public final class SecurityAttributes {
    /** Boolean: the message carried an S/MIME signature (any outcome). */
    public static final String SIGNED = "smimegateway.signed";
    /** Boolean: every signature verified cryptographically over the delivered content. */
    public static final String SIGNER_VERIFIED = "smimegateway.signer.verified";
    /** Boolean: the signer's certificate validated to a trust anchor and is not revoked. */
    public static final String SIGNER_TRUSTED = "smimegateway.signer.trusted";
    /** String: the signer's e-mail address or subject, for the info header. */
    public static final String SIGNER = "smimegateway.signer";
    /** Boolean: the message arrived S/MIME encrypted (enveloped or auth-enveloped). */
    public static final String ENCRYPTED = "smimegateway.encrypted";
    /** Boolean: the gateway decrypted the message. */
    public static final String DECRYPTED = "smimegateway.decrypted";
    /** Collection of strings: the policy decision trace, one line per decision, oldest first. */
    public static final String POLICY_TRACE = "smimegateway.policy.trace";
    /**
     * Collection of strings: recipients whose certificate lookup failed because the keystore could not be asked.
     * Mail for them must be held and retried, never downgraded to plaintext.
     */
    public static final String KEYSTORE_UNAVAILABLE = "smimegateway.keystore.unavailable";

    /**
     * The flags that are true only when the message actually had an S/MIME layer (a signature, an envelope). Their
     * mere presence says nothing: {@code SmimeVerify} sets {@link #SIGNED}, {@link #SIGNER_VERIFIED} and
     * {@link #SIGNER_TRUSTED} on every mail it sees, {@code false} on plaintext.
     */
    public static final List<String> LAYER_FLAGS = List.of(SIGNED, ENCRYPTED, DECRYPTED);

    /** The info header that carries the decision trace when the policy enables it. */
    public static final String TRACE_HEADER = "X-Smime-Policy-Trace";

    private SecurityAttributes() {
    }
}
