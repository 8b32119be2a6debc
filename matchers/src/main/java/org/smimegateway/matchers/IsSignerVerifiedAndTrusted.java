package org.smimegateway.matchers;

import org.apache.mailet.Mail;
import org.smimegateway.policy.SecurityAttributes;

/**
 * Matches mail whose signature the engine verified and whose signer it trusts: both
 * {@link SecurityAttributes#SIGNER_VERIFIED} and {@link SecurityAttributes#SIGNER_TRUSTED} are true. No condition.
 */
public class IsSignerVerifiedAndTrusted extends AttributeMatcher {
    @Override
    Verdict test(Mail mail) {
        boolean verified = AttributeFlags.isTrue(mail, SecurityAttributes.SIGNER_VERIFIED);
        boolean trusted = AttributeFlags.isTrue(mail, SecurityAttributes.SIGNER_TRUSTED);
        return new Verdict(verified && trusted, "verified=" + verified + ", trusted=" + trusted);
    }

    @Override
    public String getMatcherInfo() {
        return "Mail with a verified signature from a trusted signer";
    }
}
