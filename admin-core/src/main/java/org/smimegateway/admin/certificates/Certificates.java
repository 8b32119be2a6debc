package org.smimegateway.admin.certificates;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.smimegateway.admin.pkcs12.Pkcs12Reader;
import org.smimegateway.admin.store.AtomicFiles;
import org.smimegateway.admin.store.FileGatewayStore;
import org.smimegateway.admin.store.Pem;
import org.smimegateway.keystore.Addresses;
import org.smimegateway.keystore.CertificateProfile;
import org.smimegateway.keystore.EncryptionCertificates;
import org.smimegateway.keystore.Lookup;
import org.smimegateway.keystore.SigningIdentity;
import org.smimegateway.keystore.trust.TrustVerdict;

/**
 * Recipient and user certificates of the gateway: what it would choose for an address and why it rejects others,
 * one certificate's trust verdict, import (PEM, DER, PKCS#7, or a PKCS#12 key with its certificate) into the file
 * store and deletion from it. Reads go to the live keystore where the gateway's own judgement is asked; writes go to
 * the file store as the admin command line writes it, then are audited and flushed so the next mail sees them.
 */
public final class Certificates {
    private static final String[] USER_FOLDERS = {FileGatewayStore.CERTS, FileGatewayStore.KEYS,
        FileGatewayStore.HARVESTED, FileGatewayStore.PUBLISHED};

    private final StoreInventory inventory;
    private final FileGatewayStore store;
    private final LiveKeystore live;

    /**
     * @param storeRoot the gateway's file store (a {@code <file><directory>} of its keystore.xml)
     * @param live      the live keystore and the actor
     */
    public Certificates(Path storeRoot, LiveKeystore live) {
        // No key password: every kept key gets its own .pass file, which the gateway reads first.
        this(storeRoot, Optional.empty(), live);
    }

    /**
     * @param keyPassword the {@code <keyPassword>} the gateway is configured with, if imported keys are to be
     *                    encrypted under it rather than under their own generated password in a {@code .pass} file
     */
    public Certificates(Path storeRoot, Optional<char[]> keyPassword, LiveKeystore live) {
        this.inventory = new StoreInventory(storeRoot);
        this.store = new FileGatewayStore(storeRoot, keyPassword);
        this.live = live;
    }

    /**
     * Every user certificate of the file store (certs/, keys/, harvested/, published/), each once (a certificate
     * filed in certs/ and with its key in keys/ is shown from certs/).
     */
    public List<CertificateView> list() {
        Set<String> seen = new java.util.HashSet<>();
        List<CertificateView> views = new ArrayList<>();
        for (StoreInventory.Entry entry : inventory.certificates(USER_FOLDERS)) {
            CertificateView view = CertificateView.of(entry.certificate(), entry.source(),
                inventory.relative(entry.file()));
            if (seen.add(view.sha256())) {
                views.add(view);
            }
        }
        return views;
    }

    /** The live keystore's choice for {@code address} as recipient and as sender, and the store's entries. */
    public AddressReport search(String address) {
        String normalised = Addresses.normalize(address).orElseThrow(() -> AdminProblem.badInput(
            "address: '" + address + "' is not a mail address"));
        List<StoreInventory.Entry> entries = inventory.certificates();
        if (live.provider() == null) {
            throw new IllegalStateException("no live keystore to ask");
        }
        Lookup<EncryptionCertificates> answer = live.provider().encryptionCertificates(normalised);
        String lookup;
        String reason = null;
        List<CertificateView> usable = List.of();
        List<AddressReport.Rejected> rejected = List.of();
        if (answer instanceof Lookup.Found<EncryptionCertificates> found) {
            lookup = "found";
            usable = found.value().usable().stream().map(c -> view(c, entries)).toList();
            rejected = found.value().rejected().stream()
                .map(r -> new AddressReport.Rejected(view(r.certificate(), entries), r.reason())).toList();
        } else if (answer instanceof Lookup.NotFound<EncryptionCertificates> notFound) {
            lookup = "notFound";
            reason = notFound.reason();
        } else {
            lookup = "unavailable";
            reason = ((Lookup.Unavailable<EncryptionCertificates>) answer).reason();
        }
        Lookup<SigningIdentity> signing = live.provider().signingIdentity(normalised);
        CertificateView signer = signing instanceof Lookup.Found<SigningIdentity> identity
            ? view(identity.value().certificate(), entries) : null;
        String signingReason = signing instanceof Lookup.NotFound<SigningIdentity> none ? none.reason()
            : signing instanceof Lookup.Unavailable<SigningIdentity> down ? down.reason() : null;
        List<CertificateView> stored = entries.stream()
            .filter(e -> Arrays.asList(USER_FOLDERS).contains(e.folder()))
            .filter(e -> names(e, normalised))
            .map(e -> CertificateView.of(e.certificate(), e.source(), inventory.relative(e.file()))).toList();
        return new AddressReport(normalised, lookup, reason, usable, rejected, signer, signingReason, stored);
    }

    /** One certificate of the file store (any folder) with the live trust verdict and its validated chain. */
    public CertificateDetail detail(String fingerprint) {
        return detail(fingerprint, Optional.empty());
    }

    /**
     * As {@link #detail(String)}; a certificate that is not in the file store (another source of the keystore, such
     * as LDAP, has it) is found through {@code address}: among the certificates the live keystore answers for it as
     * recipient (usable or refused) and as sender.
     */
    public CertificateDetail detail(String fingerprint, Optional<String> address) {
        String sha256 = Fingerprints.normalise(fingerprint);
        List<StoreInventory.Entry> found = inventory.find(sha256);
        if (found.isEmpty()) {
            Optional<X509Certificate> elsewhere = address.flatMap(a -> liveCertificate(sha256, a));
            if (elsewhere.isEmpty()) {
                throw AdminProblem.notFound("no certificate with SHA-256 fingerprint " + sha256 + " in the store"
                    + address.map(a -> " nor among the keystore's certificates for " + a).orElse(""));
            }
            return detail(elsewhere.get(), CertificateView.of(elsewhere.get(), "ldap", null), List.of(), false);
        }
        StoreInventory.Entry first = found.get(0);
        X509Certificate certificate = first.certificate();
        List<String> files = found.stream().map(e -> inventory.relative(e.file())).distinct().toList();
        boolean keyKept = found.stream().anyMatch(e -> e.folder().equals(FileGatewayStore.KEYS))
            || !keyFiles(certificate).isEmpty();
        return detail(certificate, CertificateView.of(certificate, first.source(), inventory.relative(first.file())),
            files, keyKept);
    }

    private Optional<X509Certificate> liveCertificate(String sha256, String address) {
        String normalised = Addresses.normalize(address).orElseThrow(() -> AdminProblem.badInput(
            "address: '" + address + "' is not a mail address"));
        List<X509Certificate> candidates = new ArrayList<>();
        if (live.provider().encryptionCertificates(normalised) instanceof Lookup.Found<EncryptionCertificates> found) {
            candidates.addAll(found.value().usable());
            found.value().rejected().forEach(r -> candidates.add(r.certificate()));
        }
        if (live.provider().signingIdentity(normalised) instanceof Lookup.Found<SigningIdentity> identity) {
            candidates.add(identity.value().certificate());
        }
        return candidates.stream().filter(c -> Fingerprints.sha256(c).equals(sha256)).findFirst();
    }

    private CertificateDetail detail(X509Certificate certificate, CertificateView view, List<String> files,
                                     boolean keyKept) {
        TrustVerdict verdict = live.provider().validate(certificate, List.of());
        List<CertificateView> chain = new ArrayList<>();
        CertificateDetail.Trust trust;
        List<StoreInventory.Entry> all = inventory.certificates();
        if (verdict instanceof TrustVerdict.Trusted trusted) {
            trusted.path().stream().skip(1).forEach(c -> chain.add(view(c, all)));
            if (!trusted.anchor().equals(certificate)) {
                chain.add(view(trusted.anchor(), all));
            }
            trust = new CertificateDetail.Trust("trusted", null);
        } else if (verdict instanceof TrustVerdict.Revoked revoked) {
            trust = new CertificateDetail.Trust("revoked", revoked.reason());
        } else if (verdict instanceof TrustVerdict.Untrusted untrusted) {
            trust = new CertificateDetail.Trust("untrusted", untrusted.reason());
        } else {
            trust = new CertificateDetail.Trust("unknown", ((TrustVerdict.Unknown) verdict).reason());
        }
        return new CertificateDetail(view, files, keyKept, trust, List.copyOf(chain));
    }

    /**
     * Files recipient certificates (PEM, DER or certs-only PKCS#7, one or several) in {@code certs/}.
     *
     * @param address null (each certificate's only address), an address the certificates name, or {@code @domain}
     */
    public List<CertificateView> importCertificates(byte[] encoded, String address) {
        List<X509Certificate> certificates = readCertificates(encoded);
        for (X509Certificate certificate : certificates) {
            if (certificate.getBasicConstraints() >= 0) {
                throw AdminProblem.badInput("certificate " + CertificateProfile.describe(certificate)
                    + " is a CA certificate: import it as an anchor or an intermediate");
            }
            ImportAddress.of(certificate, address); // every one checked before anything is written
        }
        List<CertificateView> imported = new ArrayList<>();
        for (X509Certificate certificate : certificates) {
            String owner = ImportAddress.of(certificate, address);
            Path file = store.putCertificate(owner, certificate);
            imported.add(CertificateView.of(certificate, "file", inventory.relative(file)));
            live.changed(live.event("certificate.import").with("address", owner)
                .with("subject", DistinguishedNames.readable(certificate.getSubjectX500Principal()))
                .with("serial", certificate.getSerialNumber().toString(16))
                .with("sha256", Fingerprints.sha256(certificate)).with("file", inventory.relative(file)));
        }
        return imported;
    }

    /**
     * Keeps a user's private key with its certificate (PKCS#12 with exactly one key) so the gateway signs and
     * decrypts for the user: the key goes to {@code keys/} under a new generated password in its {@code .pass} file,
     * the certificate also to {@code certs/}.
     */
    public CertificateView importPkcs12(byte[] pkcs12, char[] password, String address) {
        if (password == null) {
            throw AdminProblem.badInput("password: the PKCS#12 password is required");
        }
        Pkcs12Reader.KeyWithChain entry;
        try {
            entry = new Pkcs12Reader().read(pkcs12, password);
        } catch (IllegalArgumentException e) {
            throw AdminProblem.badInput(e.getMessage(), e);
        }
        String owner = ImportAddress.of(entry.certificate(), address);
        if (owner.startsWith("*@")) {
            throw AdminProblem.badInput("a key belongs to an address its certificate names, not to a domain");
        }
        store.putCertificate(owner, entry.certificate());
        Path keyFile = store.putPrivateKey(owner, entry.key(), entry.certificate(), entry.chain());
        live.changed(live.event("key.import").with("address", owner)
            .with("subject", DistinguishedNames.readable(entry.certificate().getSubjectX500Principal()))
            .with("serial", entry.certificate().getSerialNumber().toString(16))
            .with("sha256", Fingerprints.sha256(entry.certificate())).with("file", inventory.relative(keyFile)));
        return CertificateView.of(entry.certificate(), "file", inventory.relative(keyFile));
    }

    /**
     * Takes a certificate out of the store: files in certs/, harvested/ and published/ that hold it (a file holding
     * others too is rewritten without it). A kept private key is deleted only when {@code deleteKey} is set, since
     * mail encrypted to it can then no longer be read; otherwise the request conflicts.
     *
     * @return the files changed or deleted, relative to the store
     */
    public List<String> delete(String fingerprint, boolean deleteKey) {
        String sha256 = Fingerprints.normalise(fingerprint);
        List<StoreInventory.Entry> found = inventory.find(sha256, USER_FOLDERS);
        if (found.isEmpty()) {
            throw AdminProblem.notFound("no user certificate with SHA-256 fingerprint " + sha256 + " in the store");
        }
        X509Certificate certificate = found.get(0).certificate();
        Set<Path> keyFiles = new LinkedHashSet<>(keyFiles(certificate));
        found.stream().filter(e -> e.folder().equals(FileGatewayStore.KEYS)).forEach(e -> keyFiles.add(e.file()));
        if (!keyFiles.isEmpty() && !deleteKey) {
            throw AdminProblem.conflict("the gateway keeps the private key of this certificate ("
                + keyFiles.stream().map(inventory::relative).toList() + "); mail encrypted to it could no longer be "
                + "decrypted. Ask again with deleteKey=true to delete the key as well");
        }
        List<String> changed = new ArrayList<>(StoreFiles.remove(certificate, found.stream()
            .filter(e -> !e.folder().equals(FileGatewayStore.KEYS)).map(StoreInventory.Entry::file).toList(),
            inventory));
        for (Path key : keyFiles) {
            AtomicFiles.delete(key);
            AtomicFiles.delete(FileGatewayStore.passwordFile(key));
            changed.add(inventory.relative(key));
        }
        live.changed(live.event("certificate.delete")
            .with("subject", DistinguishedNames.readable(certificate.getSubjectX500Principal()))
            .with("serial", certificate.getSerialNumber().toString(16)).with("sha256", sha256)
            .with("files", String.join(",", changed)));
        return changed;
    }

    /** Key files named after the certificate ({@code keys/<address>-<serial>.p12}) for any address it names. */
    private List<Path> keyFiles(X509Certificate certificate) {
        List<Path> files = new ArrayList<>();
        for (String address : CertificateProfile.addresses(certificate)) {
            Path key = inventory.root().resolve(FileGatewayStore.KEYS)
                .resolve(FileGatewayStore.baseName(address, certificate) + ".p12");
            if (Files.exists(key)) {
                files.add(key);
            }
        }
        return files;
    }

    private boolean names(StoreInventory.Entry entry, String address) {
        if (CertificateProfile.addresses(entry.certificate()).contains(address)) {
            return true;
        }
        String name = entry.file().getFileName().toString();
        return name.startsWith("@") && name.substring(1).toLowerCase(java.util.Locale.ROOT)
            .startsWith(Addresses.domain(address) + ".");
    }

    private CertificateView view(X509Certificate certificate, List<StoreInventory.Entry> entries) {
        return entries.stream().filter(e -> e.certificate().equals(certificate)).findFirst()
            .map(e -> CertificateView.of(certificate, e.source(), inventory.relative(e.file())))
            .orElseGet(() -> CertificateView.of(certificate, "ldap", null));
    }

    static List<X509Certificate> readCertificates(byte[] encoded) {
        if (encoded == null || encoded.length == 0) {
            throw AdminProblem.badInput("body: no certificate given (PEM, DER or PKCS#7 expected)");
        }
        try {
            return Pem.readCertificates(encoded);
        } catch (IllegalArgumentException e) {
            String detail = e.getCause() == null ? "" : ": " + e.getCause().getMessage();
            throw AdminProblem.badInput("body: " + e.getMessage() + detail, e);
        }
    }
}
