package org.smimegateway.matchers;

import java.util.Set;

import org.smimegateway.policy.SmimeKind;

/** Matches mail whose outermost layer is S/MIME authEnveloped-data (RFC 5083, e.g. AES-GCM). No condition. */
public class IsSmimeAuthEnveloped extends SmimeKindMatcher {
    @Override
    Set<SmimeKind> kinds() {
        return Set.of(SmimeKind.AUTH_ENVELOPED);
    }

    @Override
    boolean confirmedByBody() {
        return true;
    }

    @Override
    public String getMatcherInfo() {
        return "Mail whose outermost layer is S/MIME authEnveloped-data";
    }
}
