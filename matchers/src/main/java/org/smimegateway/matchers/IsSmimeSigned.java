package org.smimegateway.matchers;

import java.util.Set;

import org.smimegateway.policy.SmimeKind;

/**
 * Matches mail whose outermost layer is an S/MIME signature: {@code multipart/signed} with protocol
 * {@code application/pkcs7-signature} or {@code application/x-pkcs7-signature}, or {@code application/(x-)pkcs7-mime}
 * signed-data. Certs-only messages do not count. No condition.
 */
public class IsSmimeSigned extends SmimeKindMatcher {
    @Override
    Set<SmimeKind> kinds() {
        return Set.of(SmimeKind.MULTIPART_SIGNED, SmimeKind.OPAQUE_SIGNED);
    }

    @Override
    public String getMatcherInfo() {
        return "Mail whose outermost layer is S/MIME signed";
    }
}
