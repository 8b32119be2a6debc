package org.smimegateway.matchers;

import java.util.List;

import org.apache.mailet.Mail;
import org.smimegateway.policy.SecurityAttributes;

/**
 * Matches mail that the S/MIME engine found S/MIME layers on: one of {@link SecurityAttributes#LAYER_FLAGS}
 * (signed, encrypted, decrypted) is true, e.g. to stamp info headers only where there is something to say. The flags
 * must be true, not merely present: {@code SmimeVerify} records {@code false} on every plaintext mail it sees. No
 * condition.
 */
public class HasSecurityInfo extends AttributeMatcher {
    @Override
    Verdict test(Mail mail) {
        List<String> set = SecurityAttributes.LAYER_FLAGS.stream()
            .filter(name -> AttributeFlags.isTrue(mail, name)).toList();
        return set.isEmpty()
            ? Verdict.notMatched("no S/MIME layer recorded (none of " + SecurityAttributes.LAYER_FLAGS + " is true)")
            : Verdict.matched("S/MIME layers recorded: " + set);
    }

    @Override
    public String getMatcherInfo() {
        return "Mail on which the S/MIME engine found a signature or an envelope";
    }
}
