package org.smimegateway.matchers;

import java.util.List;

import org.apache.mailet.Mail;
import org.smimegateway.policy.SecurityAttributes;

/**
 * Matches mail on which the S/MIME engine has recorded security information (any of
 * {@link SecurityAttributes#SECURITY_INFO}), e.g. to stamp info headers only where there is something to say.
 * No condition.
 */
public class HasSecurityInfo extends AttributeMatcher {
    @Override
    Verdict test(Mail mail) {
        List<String> present = SecurityAttributes.SECURITY_INFO.stream()
            .filter(name -> AttributeFlags.isPresent(mail, name)).toList();
        return present.isEmpty()
            ? Verdict.notMatched("no security attributes")
            : Verdict.matched("security attributes " + present);
    }

    @Override
    public String getMatcherInfo() {
        return "Mail carrying the S/MIME engine's security attributes";
    }
}
