package org.smimegateway.admin;

import java.nio.file.Path;
import java.security.cert.CRLException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509CRL;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smimegateway.admin.ca.CaMaterial;
import org.smimegateway.admin.ca.CrlIssuer;
import org.smimegateway.admin.ca.PublishedNames;
import org.smimegateway.admin.store.AtomicFiles;
import org.smimegateway.admin.store.CaVault;
import org.smimegateway.admin.store.GatewayStore;

/**
 * Signs fresh CRLs for both CAs and puts them where they are read: the gateway store (a running gateway applies them
 * at its next rescan of that store) and, optionally, a directory served over HTTP under {@link PublishedNames}.
 * The root CRL is always issued too, because PKIX revocation checking wants one for the intermediate as well.
 * LDAP publication of the result is {@link org.smimegateway.admin.ldap.LdapCrlPublisher}'s job.
 */
public final class CrlPublication {

    private static final Logger LOG = LoggerFactory.getLogger(CrlPublication.class);

    /** The two CRLs just published. */
    public record Published(X509CRL intermediateCrl, X509CRL rootCrl) {
    }

    private final CaVault vault;
    private final GatewayStore store;
    private final CrlIssuer issuer;

    public CrlPublication(CaVault vault, GatewayStore store, CrlIssuer issuer) {
        this.vault = vault;
        this.store = store;
        this.issuer = issuer;
    }

    public Published publish(CaMaterial ca, int nextUpdateDays, Optional<Path> publishDirectory) {
        X509CRL intermediateCrl = issuer.issue(ca.issuing(), vault.revocations(), vault.nextCrlNumber(),
            nextUpdateDays);
        // Revoking the intermediate itself is a re-keying event, not a command; its CRL stays empty.
        X509CRL rootCrl = issuer.issue(ca.rootSigner(), List.of(), vault.nextCrlNumber(), nextUpdateDays);
        store.putCrl(intermediateCrl);
        store.putCrl(rootCrl);
        publishDirectory.ifPresent(directory -> writePublic(directory, ca, intermediateCrl, rootCrl));
        LOG.info("published CRLs: intermediate with {} entries, next update in {} days",
            intermediateCrl.getRevokedCertificates() == null ? 0 : intermediateCrl.getRevokedCertificates().size(),
            nextUpdateDays);
        return new Published(intermediateCrl, rootCrl);
    }

    private static void writePublic(Path directory, CaMaterial ca, X509CRL intermediateCrl, X509CRL rootCrl) {
        try {
            AtomicFiles.write(directory.resolve(PublishedNames.INTERMEDIATE_CRL), intermediateCrl.getEncoded());
            AtomicFiles.write(directory.resolve(PublishedNames.ROOT_CRL), rootCrl.getEncoded());
            AtomicFiles.write(directory.resolve(PublishedNames.INTERMEDIATE_CERTIFICATE),
                ca.intermediate().getEncoded());
            AtomicFiles.write(directory.resolve(PublishedNames.ROOT_CERTIFICATE), ca.root().getEncoded());
        } catch (CRLException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot encode what is published", e);
        }
    }
}
