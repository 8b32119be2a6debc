package org.smimegateway.admin;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smimegateway.admin.ca.CaMaterial;
import org.smimegateway.admin.ca.EndUserIssuer;
import org.smimegateway.admin.ca.EndUserRequest;
import org.smimegateway.admin.ca.IssuedCertificate;
import org.smimegateway.admin.ca.PublishedNames;
import org.smimegateway.admin.delivery.ClearSigner;
import org.smimegateway.admin.store.CaSettings;
import org.smimegateway.admin.store.GatewayStore;
import org.smimegateway.keystore.store.KeyEntry;

/**
 * Finds the key that signs PKCS#12 mails: the gateway's own internal identity for the sender address. A CA key
 * must not sign mail (its certificate has no emailProtection usage and clients would flag the signature), so when
 * the sender has no certificate yet, one is issued as for any internal user and kept in the store, where the
 * gateway can use it too.
 */
public final class SenderIdentities {

    private static final Logger LOG = LoggerFactory.getLogger(SenderIdentities.class);

    private final GatewayStore store;
    private final CaMaterial ca;
    private final CaSettings settings;
    private final EndUserIssuer issuer;
    private final KeyAlgorithm keyAlgorithm;

    public SenderIdentities(GatewayStore store, CaMaterial ca, CaSettings settings, EndUserIssuer issuer,
                            KeyAlgorithm keyAlgorithm) {
        this.store = store;
        this.ca = ca;
        this.settings = settings;
        this.issuer = issuer;
        this.keyAlgorithm = keyAlgorithm;
    }

    public ClearSigner signerFor(String senderAddress) {
        String address = EndUserRequest.normalise(senderAddress);
        Optional<KeyEntry> existing = store.newestKey(address);
        if (existing.isPresent()) {
            KeyEntry entry = existing.get();
            return new ClearSigner(entry.privateKey(), entry.certificate(), entry.chain());
        }
        IssuedCertificate issued = issuer.issue(ca.issuing(),
            new EndUserRequest(address, Optional.empty(), keyAlgorithm, EndUserRequest.DEFAULT_VALIDITY_DAYS,
                settings.crlBaseUrl().map(base -> PublishedNames.under(base, PublishedNames.INTERMEDIATE_CRL))),
            settings.organization(),
            settings.aiaBaseUrl().map(base -> PublishedNames.under(base, PublishedNames.INTERMEDIATE_CERTIFICATE)));
        store.putCertificate(address, issued.certificate());
        store.putPrivateKey(address, issued.privateKey(), issued.certificate(), issued.chain());
        LOG.info("issued sender identity serial {} for {}", issued.serialHex(), address);
        return new ClearSigner(issued.privateKey(), issued.certificate(), issued.chain());
    }
}
