package org.smimegateway.policy;

import java.util.Objects;

/** Every setting of the policy for one address, each with the rule it came from. */
public record AddressPolicy(String address,
                            Resolved<Locality> locality,
                            Resolved<EncryptMode> encrypt,
                            Resolved<Boolean> smimeAllowed,
                            Resolved<SignMode> sign,
                            Resolved<ContentEncryption> contentEncryption,
                            Resolved<KeyTransport> keyTransport,
                            Resolved<SubjectTrigger> subjectTrigger) {
    public AddressPolicy {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(locality, "locality");
        Objects.requireNonNull(encrypt, "encrypt");
        Objects.requireNonNull(smimeAllowed, "smimeAllowed");
        Objects.requireNonNull(sign, "sign");
        Objects.requireNonNull(contentEncryption, "contentEncryption");
        Objects.requireNonNull(keyTransport, "keyTransport");
        Objects.requireNonNull(subjectTrigger, "subjectTrigger");
    }
}
