package org.smimegateway.matchers;

import java.util.Set;

import org.smimegateway.policy.SmimeKind;

/**
 * Matches mail whose outermost layer is S/MIME encrypted: {@code application/(x-)pkcs7-mime} enveloped-data or
 * authEnveloped-data (both need decrypting), and whose body really begins with such a CMS ContentInfo, so a label
 * on plaintext does not count. No condition.
 */
public class IsSmimeEncrypted extends SmimeKindMatcher {
    @Override
    Set<SmimeKind> kinds() {
        return Set.of(SmimeKind.ENVELOPED, SmimeKind.AUTH_ENVELOPED);
    }

    @Override
    boolean confirmedByBody() {
        return true;
    }

    @Override
    public String getMatcherInfo() {
        return "Mail whose outermost layer is S/MIME encrypted (enveloped or auth-enveloped)";
    }
}
