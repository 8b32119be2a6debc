package org.smimegateway.admin;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.smimegateway.admin.ca.CaCreator;
import org.smimegateway.admin.ca.CaMaterial;
import org.smimegateway.admin.ca.CaProfile;
import org.smimegateway.admin.ca.CrlIssuer;
import org.smimegateway.admin.ca.Revocation;
import org.smimegateway.admin.ca.RevocationReason;
import org.smimegateway.admin.store.CaSettings;
import org.smimegateway.admin.store.CaVault;
import org.smimegateway.admin.store.GatewayStore;
import org.smimegateway.admin.store.StoredCertificate;
import org.smimegateway.audit.AuditLog;

/**
 * The built-in CA as one service, for the command line and the WebAdmin routes alike: status, creation, issuance,
 * revocation and CRL publication, each refused with a {@link CaRefusal} when it must not happen and each logged as
 * one {@link AuditLog} event (never with a secret). Unlocking the CA (its password) stays with the caller.
 */
public final class CaService {

    /** What a revocation did: the certificates revoked and the CRLs published right after. */
    public record Revoked(List<StoredCertificate> certificates, RevocationReason reason,
                          CrlPublication.Published crls) {
        public Revoked {
            certificates = List.copyOf(certificates);
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(crls, "crls");
        }
    }

    private final CaVault vault;
    private final GatewayStore store;
    private final Clock clock;
    private final String actor;

    /**
     * @param actor who acts, for the audit trail ({@code webadmin}, or the operating-system user of the CLI)
     */
    public CaService(CaVault vault, GatewayStore store, Clock clock, String actor) {
        this.vault = Objects.requireNonNull(vault, "vault");
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.actor = actor;
    }

    public boolean exists() {
        return vault.exists();
    }

    public CaStatus status() {
        if (!vault.exists()) {
            return CaStatus.none();
        }
        List<X509Certificate> chain = vault.chain();
        X509Certificate intermediate = chain.get(0);
        Optional<X509CRL> crl = currentCrl();
        return new CaStatus(true, Optional.of(chain.get(1)), Optional.of(intermediate),
            crl.flatMap(CaService::crlNumber), crl.map(c -> c.getNextUpdate().toInstant()),
            vault.revocations().size());
    }

    /** The intermediate's CRL as the gateway store holds it (the one the gateway checks end users against). */
    public Optional<X509CRL> currentCrl() {
        if (!vault.exists()) {
            return Optional.empty();
        }
        X509Certificate intermediate = vault.chain().get(0);
        return store.crls().stream()
            .filter(crl -> crl.getIssuerX500Principal().equals(intermediate.getSubjectX500Principal()))
            .max(Comparator.comparing(crl -> crlNumber(crl).orElse(BigInteger.ZERO)));
    }

    /**
     * Creates root and intermediate, stores their keys encrypted with {@code password}, makes the root a trust anchor
     * and the intermediate known to the gateway, and publishes the first (empty) CRLs.
     */
    public CaMaterial create(CaProfile profile, char[] password, int crlDays, Optional<Path> publishDirectory) {
        if (vault.exists()) {
            throw new CaRefusal(CaRefusal.Reason.CA_EXISTS, "a CA already exists; refusing to overwrite it");
        }
        CaMaterial ca = new CaCreator(clock).create(profile);
        vault.create(ca, new CaSettings(profile.organization(), profile.crlBaseUrl(), profile.aiaBaseUrl()), password);
        store.putTrustAnchor(ca.root());
        store.putIntermediate(ca.intermediate());
        new CrlPublication(vault, store, new CrlIssuer(clock)).publish(ca, crlDays, publishDirectory);
        AuditLog.event("ca.create", actor)
            .with("root", ca.root().getSubjectX500Principal().getName())
            .with("intermediate", ca.intermediate().getSubjectX500Principal().getName())
            .with("keyAlgorithm", profile.keyAlgorithm()).with("validityDays", profile.validityDays()).log();
        return ca;
    }

    /** Decrypts the CA keys; refused when there is no CA. */
    public CaMaterial unlock(char[] password) {
        requireCa();
        return vault.unlock(password);
    }

    public CaSettings settings() {
        requireCa();
        return vault.settings();
    }

    /** Issues through {@code issuance} (which is atomic with delivery for external users) and audits the result. */
    public IssueReport issue(Issuance issuance, IssueRequest request) {
        requireCa();
        IssueReport report = issuance.issue(request);
        AuditLog.event("ca.issue", actor).with("address", report.address()).with("serial", report.serialHex())
            .with("kind", report.kind().name().toLowerCase(java.util.Locale.ROOT)).with("filed", report.filed())
            .with("keyKept", report.keyKept()).with("outcome", report.succeeded() ? "delivered" : "delivery-failed")
            .log();
        return report;
    }

    /**
     * What {@code target} names, refused unless this CA issued it: a serial nobody issued would only grow the CRL and
     * hide a typo, so a serial must be one of the store's certificates signed by our issuing CA and not yet revoked.
     */
    public List<StoredCertificate> targets(CaMaterial ca, RevocationTarget target) {
        Set<BigInteger> alreadyRevoked = vault.revocations().stream().map(Revocation::serialNumber)
            .collect(Collectors.toSet());
        if (target instanceof RevocationTarget.Serial bySerial) {
            BigInteger serial = bySerial.serial();
            StoredCertificate stored = store.certificate(serial).filter(c -> issuedBy(c.certificate(), ca))
                .orElseThrow(() -> new CaRefusal(CaRefusal.Reason.NOT_FOUND, "serial " + serial.toString(16)
                    + " was not issued by this CA (no certificate of ours with it in the store); nothing revoked, "
                    + "CRL unchanged"));
            if (alreadyRevoked.contains(serial)) {
                throw new CaRefusal(CaRefusal.Reason.ALREADY_REVOKED, "serial " + serial.toString(16)
                    + " is already revoked; nothing changed");
            }
            return List.of(stored);
        }
        String address = ((RevocationTarget.Address) target).address();
        List<StoredCertificate> found = new ArrayList<>();
        for (StoredCertificate stored : store.certificatesFor(address)) {
            if (issuedBy(stored.certificate(), ca) && !alreadyRevoked.contains(stored.certificate().getSerialNumber())) {
                found.add(stored);
            }
        }
        if (found.isEmpty()) {
            throw new CaRefusal(CaRefusal.Reason.NOT_FOUND, "no unrevoked certificate of " + address
                + " issued by this CA in the store; nothing revoked, CRL unchanged");
        }
        return found;
    }

    /**
     * Revokes what {@code target} names and publishes fresh CRLs at once. More than one certificate needs
     * {@code confirmed}; otherwise nothing changes.
     */
    public Revoked revoke(CaMaterial ca, RevocationTarget target, RevocationReason reason, boolean confirmed,
                          int crlDays, Optional<Path> publishDirectory) {
        List<StoredCertificate> targets = targets(ca, target);
        if (targets.size() > 1 && !confirmed) {
            throw new CaRefusal(CaRefusal.Reason.NEEDS_CONFIRMATION, targets.size()
                + " certificates match; nothing revoked. Confirm to revoke them all, or name one serial");
        }
        for (StoredCertificate stored : targets) {
            vault.recordRevocation(new Revocation(stored.certificate().getSerialNumber(), clock.instant(), reason));
        }
        CrlPublication.Published published = publish(ca, crlDays, publishDirectory, "revocation");
        for (StoredCertificate stored : targets) {
            AuditLog.event("ca.revoke", actor).with("serial", stored.serialHex()).with("address", stored.address())
                .with("reason", reason).log();
        }
        return new Revoked(targets, reason, published);
    }

    /** Signs and publishes fresh CRLs for both CAs. */
    public CrlPublication.Published publishCrl(CaMaterial ca, int crlDays, Optional<Path> publishDirectory) {
        return publish(ca, crlDays, publishDirectory, "request");
    }

    private CrlPublication.Published publish(CaMaterial ca, int crlDays, Optional<Path> publishDirectory,
                                             String cause) {
        CrlPublication.Published published = new CrlPublication(vault, store, new CrlIssuer(clock))
            .publish(ca, crlDays, publishDirectory);
        AuditLog.event("ca.crl.publish", actor).with("cause", cause)
            .with("crlNumber", crlNumber(published.intermediateCrl()).map(n -> n.toString()).orElse(null))
            .with("revoked", revokedCount(published.intermediateCrl()))
            .with("nextUpdate", published.intermediateCrl().getNextUpdate().toInstant()).log();
        return published;
    }

    private void requireCa() {
        if (!vault.exists()) {
            throw new CaRefusal(CaRefusal.Reason.NO_CA, "there is no CA yet; create one with 'init-ca' (command "
                + "line) or POST /smime-gateway/ca (WebAdmin)");
        }
    }

    public static int revokedCount(X509CRL crl) {
        return crl.getRevokedCertificates() == null ? 0 : crl.getRevokedCertificates().size();
    }

    public static Optional<BigInteger> crlNumber(X509CRL crl) {
        byte[] value = crl.getExtensionValue(Extension.cRLNumber.getId());
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(ASN1Integer.getInstance(JcaX509ExtensionUtils.parseExtensionValue(value)).getValue());
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Whether our issuing intermediate signed {@code certificate}. */
    public static boolean issuedBy(X509Certificate certificate, CaMaterial ca) {
        if (!certificate.getIssuerX500Principal().equals(ca.intermediate().getSubjectX500Principal())) {
            return false;
        }
        try {
            certificate.verify(ca.intermediate().getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
