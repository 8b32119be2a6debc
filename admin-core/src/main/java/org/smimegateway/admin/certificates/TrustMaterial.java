package org.smimegateway.admin.certificates;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.smimegateway.admin.store.FileGatewayStore;
import org.smimegateway.keystore.CertificateProfile;
import org.smimegateway.keystore.codec.CertificateCodec;

/**
 * Trust anchors, intermediate CA certificates and CRLs of the gateway's file store: list, import, delete. Every
 * write is audited and flushed into the live keystore, so a new CRL revokes for the very next mail.
 */
public final class TrustMaterial {

    /** The two kinds of CA certificates the store keeps. */
    public enum Kind {
        ANCHOR(FileGatewayStore.ANCHORS, "anchor"),
        INTERMEDIATE(FileGatewayStore.INTERMEDIATES, "intermediate");

        private final String folder;
        private final String word;

        Kind(String folder, String word) {
            this.folder = folder;
            this.word = word;
        }

        public String folder() {
            return folder;
        }
    }

    private final StoreInventory inventory;
    private final FileGatewayStore store;
    private final LiveKeystore live;
    private final Clock clock;

    public TrustMaterial(Path storeRoot, LiveKeystore live, Clock clock) {
        this.inventory = new StoreInventory(storeRoot);
        this.store = new FileGatewayStore(storeRoot, Optional.empty());
        this.live = live;
        this.clock = clock;
    }

    public List<CertificateView> list(Kind kind) {
        return inventory.certificates(kind.folder).stream()
            .map(e -> CertificateView.of(e.certificate(), "file", inventory.relative(e.file()))).toList();
    }

    /**
     * Adds CA certificates (PEM, DER or PKCS#7, one or several). Intermediates must be CA certificates; an anchor
     * may be any certificate the operator decides to trust, but a certificate that is not a CA is refused for both,
     * as it could not issue anything.
     */
    public List<CertificateView> importCertificates(Kind kind, byte[] encoded) {
        List<X509Certificate> certificates = Certificates.readCertificates(encoded);
        for (X509Certificate certificate : certificates) {
            if (certificate.getBasicConstraints() < 0) {
                throw AdminProblem.badInput("certificate " + CertificateProfile.describe(certificate)
                    + " is not a CA certificate (no basicConstraints cA=true); a recipient's certificate goes to "
                    + "/certificates");
            }
        }
        List<CertificateView> imported = new ArrayList<>();
        for (X509Certificate certificate : certificates) {
            if (kind == Kind.ANCHOR) {
                store.putTrustAnchor(certificate);
            } else {
                store.putIntermediate(certificate);
            }
            String sha256 = Fingerprints.sha256(certificate);
            CertificateView view = inventory.find(sha256, kind.folder).stream().findFirst()
                .map(e -> CertificateView.of(certificate, "file", inventory.relative(e.file())))
                .orElseGet(() -> CertificateView.of(certificate, "file", null));
            imported.add(view);
            live.changed(live.event(kind.word + ".import")
                .with("subject", DistinguishedNames.readable(certificate.getSubjectX500Principal()))
                .with("sha256", sha256).with("file", view.file()));
        }
        return imported;
    }

    /** Removes a CA certificate from anchors/ or intermediates/; returns the files changed or deleted. */
    public List<String> delete(Kind kind, String fingerprint) {
        String sha256 = Fingerprints.normalise(fingerprint);
        List<StoreInventory.Entry> found = inventory.find(sha256, kind.folder);
        if (found.isEmpty()) {
            throw AdminProblem.notFound("no " + kind.word + " with SHA-256 fingerprint " + sha256 + " in the store");
        }
        X509Certificate certificate = found.get(0).certificate();
        List<String> changed = StoreFiles.remove(certificate,
            found.stream().map(StoreInventory.Entry::file).toList(), inventory);
        live.changed(live.event(kind.word + ".delete")
            .with("subject", DistinguishedNames.readable(certificate.getSubjectX500Principal()))
            .with("sha256", sha256).with("files", String.join(",", changed)));
        return changed;
    }

    public List<CrlView> crls() {
        List<X509Certificate> issuers = issuers();
        return inventory.crls().stream().map(e -> view(e.crl(), issuers, inventory.relative(e.file()))).toList();
    }

    /**
     * Files a CRL (PEM or DER) as the CRL of its issuer, replacing the issuer's previous one. Refused when it does
     * not parse, when no anchor or intermediate of the store verifies its signature (the gateway would ignore it),
     * or when the store already has a newer CRL of that issuer (thisUpdate later).
     */
    public CrlView importCrl(byte[] encoded) {
        if (encoded == null || encoded.length == 0) {
            throw AdminProblem.badInput("body: no CRL given (PEM or DER expected)");
        }
        List<X509CRL> parsed;
        try {
            parsed = CertificateCodec.crls(encoded);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw AdminProblem.badInput("body: not a CRL (PEM or DER expected): " + e.getMessage(), e);
        }
        if (parsed.size() != 1) {
            throw AdminProblem.badInput("body: " + parsed.size() + " CRLs given; import one at a time");
        }
        X509CRL crl = parsed.get(0);
        List<X509Certificate> issuers = issuers();
        if (!verified(crl, issuers)) {
            throw AdminProblem.badInput("the CRL of " + DistinguishedNames.readable(crl.getIssuerX500Principal()) + " is not signed by "
                + "any anchor or intermediate of the store; import its issuer first");
        }
        for (StoreInventory.CrlEntry existing : inventory.crls()) {
            if (existing.crl().getIssuerX500Principal().equals(crl.getIssuerX500Principal())
                && existing.crl().getThisUpdate().after(crl.getThisUpdate())) {
                throw AdminProblem.conflict("the store already has a newer CRL of "
                    + DistinguishedNames.readable(crl.getIssuerX500Principal()) + " (thisUpdate "
                    + existing.crl().getThisUpdate().toInstant() + " in " + inventory.relative(existing.file()) + ")");
            }
        }
        store.putCrl(crl);
        String sha256 = Fingerprints.sha256(crl);
        CrlView view = inventory.crls().stream().filter(e -> Fingerprints.sha256(e.crl()).equals(sha256)).findFirst()
            .map(e -> view(e.crl(), issuers, inventory.relative(e.file())))
            .orElseGet(() -> view(crl, issuers, null));
        live.changed(live.event("crl.import").with("issuer", view.issuer()).with("thisUpdate", view.thisUpdate())
            .with("entries", view.entries()).with("sha256", sha256).with("file", view.file()));
        return view;
    }

    private CrlView view(X509CRL crl, List<X509Certificate> issuers, String file) {
        var next = crl.getNextUpdate();
        boolean fresh = next == null || next.toInstant().isAfter(clock.instant());
        int entries = crl.getRevokedCertificates() == null ? 0 : crl.getRevokedCertificates().size();
        return new CrlView(DistinguishedNames.readable(crl.getIssuerX500Principal()), crl.getThisUpdate().toInstant().toString(),
            next == null ? null : next.toInstant().toString(), entries, fresh, verified(crl, issuers),
            Fingerprints.sha256(crl), file);
    }

    private List<X509Certificate> issuers() {
        return inventory.certificates(FileGatewayStore.ANCHORS, FileGatewayStore.INTERMEDIATES, FileGatewayStore.CERTS)
            .stream().map(StoreInventory.Entry::certificate).filter(c -> c.getBasicConstraints() >= 0).toList();
    }

    private static boolean verified(X509CRL crl, List<X509Certificate> issuers) {
        for (X509Certificate issuer : issuers) {
            if (issuer.getSubjectX500Principal().equals(crl.getIssuerX500Principal())) {
                try {
                    crl.verify(issuer.getPublicKey());
                    return true;
                } catch (GeneralSecurityException e) {
                    // Another certificate of the same name may hold the right key.
                }
            }
        }
        return false;
    }
}
