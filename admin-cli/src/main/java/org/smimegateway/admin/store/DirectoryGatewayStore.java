package org.smimegateway.admin.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.smimegateway.admin.pkcs12.Pkcs12Encryption;
import org.smimegateway.admin.pkcs12.Pkcs12Exporter;
import org.smimegateway.admin.pkcs12.Pkcs12Reader;

/**
 * The gateway store as a directory tree:
 * <pre>
 * certificates/&lt;address&gt;/&lt;serial-hex&gt;.pem   user certificates (what mail is encrypted to)
 * keys/&lt;address&gt;/&lt;serial-hex&gt;.p12           internal users' keys, PKCS#12 under the store key password
 * trust-anchors/&lt;fingerprint&gt;.pem
 * intermediates/&lt;fingerprint&gt;.pem
 * crls/&lt;issuer-hash&gt;.crl                      DER, one per issuer, replaced on update
 * </pre>
 */
public final class DirectoryGatewayStore implements GatewayStore {

    static final String CERTIFICATES = "certificates";
    static final String KEYS = "keys";
    static final String TRUST_ANCHORS = "trust-anchors";
    static final String INTERMEDIATES = "intermediates";
    static final String CRLS = "crls";

    private final Path root;
    private final Supplier<char[]> keyPassword;

    /**
     * @param root        the store directory
     * @param keyPassword asked only when a private key is written, so read-only commands need no secret
     */
    public DirectoryGatewayStore(Path root, Supplier<char[]> keyPassword) {
        this.root = root;
        this.keyPassword = keyPassword;
    }

    public Path root() {
        return root;
    }

    @Override
    public void putCertificate(String address, X509Certificate certificate) {
        AtomicFiles.write(root.resolve(CERTIFICATES).resolve(address).resolve(serial(certificate) + ".pem"),
            Pem.certificates(List.of(certificate)));
    }

    @Override
    public void putPrivateKey(String address, PrivateKey key, X509Certificate certificate,
                              List<X509Certificate> chain) {
        byte[] pkcs12 = new Pkcs12Exporter().export(key, certificate, chain, address, keyPassword.get(),
            Pkcs12Encryption.DEFAULT);
        AtomicFiles.writeSecret(root.resolve(KEYS).resolve(address).resolve(serial(certificate) + ".p12"), pkcs12);
    }

    @Override
    public void putTrustAnchor(X509Certificate anchor) {
        AtomicFiles.write(root.resolve(TRUST_ANCHORS).resolve(fingerprint(encoded(anchor)) + ".pem"),
            Pem.certificates(List.of(anchor)));
    }

    @Override
    public void putIntermediate(X509Certificate intermediate) {
        AtomicFiles.write(root.resolve(INTERMEDIATES).resolve(fingerprint(encoded(intermediate)) + ".pem"),
            Pem.certificates(List.of(intermediate)));
    }

    @Override
    public void putCrl(X509CRL crl) {
        try {
            AtomicFiles.write(root.resolve(CRLS).resolve(issuerHash(crl) + ".crl"), crl.getEncoded());
        } catch (java.security.cert.CRLException e) {
            throw new IllegalStateException("cannot encode the CRL", e);
        }
    }

    @Override
    public List<StoredCertificate> certificates() {
        List<StoredCertificate> result = new ArrayList<>();
        Path base = root.resolve(CERTIFICATES);
        for (Path addressDirectory : children(base)) {
            String address = addressDirectory.getFileName().toString();
            for (Path file : children(addressDirectory)) {
                X509Certificate certificate = Pem.readCertificates(read(file)).get(0);
                boolean keyKept = Files.exists(root.resolve(KEYS).resolve(address)
                    .resolve(serial(certificate) + ".p12"));
                result.add(new StoredCertificate(address, certificate, keyKept, file));
            }
        }
        return result;
    }

    @Override
    public Optional<Pkcs12Reader.KeyEntry> newestKey(String address) {
        List<Path> files = children(root.resolve(KEYS).resolve(address));
        if (files.isEmpty()) {
            return Optional.empty();
        }
        char[] password = keyPassword.get();
        return files.stream().map(file -> new Pkcs12Reader().read(read(file), password))
            .max(java.util.Comparator.comparing(entry -> entry.certificate().getNotBefore()));
    }

    @Override
    public List<X509Certificate> trustAnchors() {
        return certificatesIn(root.resolve(TRUST_ANCHORS));
    }

    @Override
    public List<X509Certificate> intermediates() {
        return certificatesIn(root.resolve(INTERMEDIATES));
    }

    @Override
    public List<X509CRL> crls() {
        return children(root.resolve(CRLS)).stream().map(file -> Pem.readCrl(read(file))).toList();
    }

    private List<X509Certificate> certificatesIn(Path directory) {
        return children(directory).stream().flatMap(file -> Pem.readCertificates(read(file)).stream()).toList();
    }

    private static List<Path> children(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    static String serial(X509Certificate certificate) {
        return certificate.getSerialNumber().toString(16);
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException("cannot encode a certificate", e);
        }
    }

    private static String issuerHash(X509CRL crl) {
        return fingerprint(crl.getIssuerX500Principal().getEncoded());
    }

    private static String fingerprint(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data), 0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }
}
