package org.smimegateway.admin.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.cert.CRLException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.smimegateway.admin.pkcs12.PasswordGenerator;
import org.smimegateway.admin.pkcs12.Pkcs12Encryption;
import org.smimegateway.admin.pkcs12.Pkcs12Exporter;
import org.smimegateway.keystore.CertificateProfile;
import org.smimegateway.keystore.codec.CertificateCodec;
import org.smimegateway.keystore.file.FileCertificateStore;
import org.smimegateway.keystore.file.FileStoreSettings;
import org.smimegateway.keystore.store.KeyEntry;

/**
 * The gateway's own file store (layout in keystore-provider/README.md), written the way its
 * {@link FileCertificateStore} reads it, and read back through that same class wherever a private key is involved:
 * <pre>
 * keys/&lt;address&gt;-&lt;serial&gt;.p12        kept keys with certificate and chain, PKCS#12
 * keys/&lt;address&gt;-&lt;serial&gt;.p12.pass   its password, unless the gateway is configured with one key password
 * certs/&lt;address&gt;-&lt;serial&gt;.pem       every certificate we issued or imported for a recipient
 * anchors/&lt;fingerprint&gt;.pem
 * intermediates/&lt;fingerprint&gt;.pem
 * crls/&lt;issuer-hash&gt;.crl            DER, one per issuer, replaced atomically
 * published/&lt;address&gt;-&lt;serial&gt;.pem   certificates published to LDAP whose file copy was taken out of the
 *                                   gateway's reach (it reads only the folders above); listed and revoked like certs/
 * </pre>
 * Issued certificates go to {@code certs/} even when the key is kept, so listing and revoking never need a key
 * password; the gateway indexes both files under the certificate's addresses, and the duplicate is harmless.
 */
public final class FileGatewayStore implements GatewayStore {

    public static final String KEYS = "keys";
    public static final String CERTS = "certs";
    public static final String ANCHORS = "anchors";
    public static final String INTERMEDIATES = "intermediates";
    public static final String CRLS = "crls";
    public static final String PUBLISHED = "published";
    /** Written by the gateway itself (certificates harvested from signed mail). */
    public static final String HARVESTED = "harvested";
    /** What the gateway's file store reads as a CRL file (keystore-provider FileParser). */
    private static final List<String> CRL_EXTENSIONS = List.of(".crl", ".pem", ".der");
    private static final List<String> CERTIFICATE_EXTENSIONS = List.of(".pem", ".crt", ".cer", ".der", ".p7b",
        ".p7c");

    private final Path root;
    private final Optional<char[]> keyPassword;

    /**
     * @param root        the store directory, the {@code <file><directory>} of the gateway's keystore.xml
     * @param keyPassword the {@code <keyPassword>} the gateway is configured with: kept keys are encrypted under it
     *                    and get no {@code .pass} file; when empty, every kept key gets its own generated password
     *                    in {@code <file>.pass}, which the gateway reads first
     */
    public FileGatewayStore(Path root, Optional<char[]> keyPassword) {
        this.root = root;
        this.keyPassword = keyPassword.map(char[]::clone);
    }

    public Path root() {
        return root;
    }

    @Override
    public Path putCertificate(String address, X509Certificate certificate) {
        Path target = address.startsWith("*@")
            ? root.resolve(CERTS).resolve(address.substring(1) + ".pem") // the domain file, e.g. @partner.example.pem
            : root.resolve(CERTS).resolve(baseName(address, certificate) + ".pem");
        AtomicFiles.write(target, Pem.certificates(List.of(certificate)));
        return target;
    }

    @Override
    public Path putPrivateKey(String address, PrivateKey key, X509Certificate certificate,
                              List<X509Certificate> chain) {
        Path target = root.resolve(KEYS).resolve(baseName(address, certificate) + ".p12");
        char[] password = keyPassword.map(char[]::clone).orElseGet(() -> new PasswordGenerator().generate());
        try {
            byte[] pkcs12 = new Pkcs12Exporter().export(key, certificate, chain, address, password,
                Pkcs12Encryption.DEFAULT);
            if (keyPassword.isEmpty()) {
                // The password first: a rescan between the two writes must not find a key it cannot open.
                AtomicFiles.writeSecret(passwordFile(target),
                    (new String(password) + "\n").getBytes(StandardCharsets.UTF_8));
            }
            AtomicFiles.writeSecret(target, pkcs12);
            return target;
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    @Override
    public void putTrustAnchor(X509Certificate anchor) {
        AtomicFiles.write(root.resolve(ANCHORS).resolve(fingerprint(encoded(anchor)) + ".pem"),
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
        } catch (CRLException e) {
            throw new IllegalStateException("cannot encode the CRL", e);
        }
    }

    /**
     * Moves every single-certificate file of {@code certs/} that holds exactly {@code certificate} to
     * {@code published/}: the gateway then finds it only in the directory, while listing and revoking still see it.
     * Returns the new locations.
     */
    public List<Path> moveToPublished(X509Certificate certificate) {
        List<Path> moved = new ArrayList<>();
        for (Path file : files(root.resolve(CERTS))) {
            if (hasCertificateExtension(file) && readCertificates(file).equals(List.of(certificate))) {
                try {
                    Path target = Files.createDirectories(root.resolve(PUBLISHED)).resolve(file.getFileName());
                    moved.add(Files.move(file, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot move " + file + " to " + PUBLISHED, e);
                }
            }
        }
        return moved;
    }

    /**
     * The end-user certificates in {@code certs/} (and {@code published/}), filed under the first address each
     * names.
     */
    @Override
    public List<StoredCertificate> certificates() {
        List<StoredCertificate> result = new ArrayList<>();
        List<Path> candidates = new ArrayList<>(files(root.resolve(CERTS)));
        candidates.addAll(files(root.resolve(PUBLISHED)));
        for (Path file : candidates) {
            if (!hasCertificateExtension(file)) {
                continue;
            }
            for (X509Certificate certificate : readCertificates(file)) {
                if (certificate.getBasicConstraints() >= 0) {
                    continue; // The gateway uses CA certificates in certs/ as intermediates.
                }
                Optional<String> address = CertificateProfile.addresses(certificate).stream().sorted().findFirst()
                    .or(() -> domainOf(file));
                address.ifPresent(a -> result.add(new StoredCertificate(a, certificate,
                    Files.exists(root.resolve(KEYS).resolve(baseName(a, certificate) + ".p12")), file)));
            }
        }
        return result;
    }

    /** Read with the gateway's own reader and password rules ({@code .pass} file first, then the key password). */
    @Override
    public Optional<KeyEntry> newestKey(String address) {
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (FileCertificateStore store = FileCertificateStore.open(
            new FileStoreSettings(root, keyPassword.orElse(null), Duration.ZERO))) {
            return store.keys(address).stream().max(Comparator.comparing(k -> k.certificate().getNotBefore()));
        }
    }

    @Override
    public List<X509Certificate> trustAnchors() {
        return certificatesIn(root.resolve(ANCHORS));
    }

    @Override
    public List<X509Certificate> intermediates() {
        return certificatesIn(root.resolve(INTERMEDIATES));
    }

    @Override
    public List<X509CRL> crls() {
        List<X509CRL> result = new ArrayList<>();
        // Only what the gateway's file store reads as a CRL (keystore-provider FileParser): a README or other file
        // an operator keeps in crls/ is not a broken CRL.
        for (Path file : files(root.resolve(CRLS))) {
            if (!hasCrlExtension(file)) {
                continue;
            }
            try {
                result.addAll(CertificateCodec.crls(read(file)));
            } catch (GeneralSecurityException e) {
                throw new IllegalArgumentException(file + " is not a CRL: " + e.getMessage(), e);
            }
        }
        return result;
    }

    /** {@code <address>-<serial hex>}, with characters a file name should not have replaced. */
    public static String baseName(String address, X509Certificate certificate) {
        return address.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9@._+-]", "_") + "-"
            + certificate.getSerialNumber().toString(16);
    }

    /** The password file the gateway tries first for a key file (keystore-provider's FileParser rule). */
    public static Path passwordFile(Path keyFile) {
        return keyFile.resolveSibling(keyFile.getFileName() + ".pass");
    }

    private List<X509Certificate> certificatesIn(Path directory) {
        return files(directory).stream().filter(FileGatewayStore::hasCertificateExtension)
            .flatMap(file -> readCertificates(file).stream()).toList();
    }

    private static List<X509Certificate> readCertificates(Path file) {
        try {
            return CertificateCodec.certificates(read(file));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(file + " holds no readable certificate: " + e.getMessage(), e);
        }
    }

    private static boolean hasCrlExtension(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return CRL_EXTENSIONS.stream().anyMatch(name::endsWith);
    }

    private static boolean hasCertificateExtension(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return CERTIFICATE_EXTENSIONS.stream().anyMatch(name::endsWith);
    }

    private static Optional<String> domainOf(Path file) {
        String name = file.getFileName().toString();
        if (!name.startsWith("@")) {
            return Optional.empty();
        }
        int dot = name.lastIndexOf('.');
        return Optional.of("*" + (dot > 1 ? name.substring(0, dot) : name).toLowerCase(Locale.ROOT));
    }

    /** Regular files as the gateway lists them: no hidden files, no password files. */
    private static List<Path> files(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.filter(Files::isRegularFile)
                .filter(p -> !p.getFileName().toString().startsWith("."))
                .filter(p -> !p.getFileName().toString().endsWith(".pass"))
                .sorted().toList();
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

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
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
