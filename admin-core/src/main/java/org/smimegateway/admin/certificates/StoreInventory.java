package org.smimegateway.admin.certificates;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.smimegateway.admin.pkcs12.Pkcs12Reader;
import org.smimegateway.admin.store.FileGatewayStore;
import org.smimegateway.keystore.codec.CertificateCodec;

/**
 * What the gateway's file store holds, read file by file the way the gateway reads it (keystore-provider README):
 * certificates with the folder and file they are in, CRLs with their file. A file that cannot be read is passed over
 * (the gateway rejects it too and logs why); this is a view for operators, never a second index for mail.
 */
public final class StoreInventory {
    /** Folders with certificates, in the order they are listed. */
    public static final List<String> CERTIFICATE_FOLDERS = List.of(FileGatewayStore.CERTS, FileGatewayStore.KEYS,
        FileGatewayStore.HARVESTED, FileGatewayStore.PUBLISHED, FileGatewayStore.ANCHORS,
        FileGatewayStore.INTERMEDIATES);

    private final Path root;

    public StoreInventory(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /** A certificate in a store file. */
    public record Entry(String folder, Path file, X509Certificate certificate) {
        /** The source operators see: {@code file}, {@code harvested} or {@code published}. */
        public String source() {
            return switch (folder) {
                case FileGatewayStore.HARVESTED -> "harvested";
                case FileGatewayStore.PUBLISHED -> "published";
                default -> "file";
            };
        }
    }

    /** A CRL in a store file. */
    public record CrlEntry(Path file, X509CRL crl) {
    }

    /** Every certificate in the given folders (all certificate folders when none are given). */
    public List<Entry> certificates(String... folders) {
        List<String> wanted = folders.length == 0 ? CERTIFICATE_FOLDERS : List.of(folders);
        List<Entry> entries = new ArrayList<>();
        for (String folder : wanted) {
            for (Path file : files(root.resolve(folder))) {
                for (X509Certificate certificate : read(folder, file)) {
                    entries.add(new Entry(folder, file, certificate));
                }
            }
        }
        return entries;
    }

    /** The entries holding the certificate with this SHA-256 fingerprint. */
    public List<Entry> find(String sha256, String... folders) {
        return certificates(folders).stream().filter(e -> Fingerprints.sha256(e.certificate()).equals(sha256))
            .toList();
    }

    public List<CrlEntry> crls() {
        List<CrlEntry> entries = new ArrayList<>();
        for (Path file : files(root.resolve(FileGatewayStore.CRLS))) {
            try {
                CertificateCodec.crls(Files.readAllBytes(file)).forEach(crl -> entries.add(new CrlEntry(file, crl)));
            } catch (IOException | GeneralSecurityException e) {
                // Rejected by the gateway as well, with a log line naming the file.
            }
        }
        return entries;
    }

    /** The path of a store file relative to the store directory, with forward slashes. */
    public String relative(Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }

    private static List<X509Certificate> read(String folder, Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        try {
            byte[] content = Files.readAllBytes(file);
            if (folder.equals(FileGatewayStore.KEYS) && (name.endsWith(".p12") || name.endsWith(".pfx"))) {
                Path pass = FileGatewayStore.passwordFile(file);
                if (!Files.isRegularFile(pass)) {
                    return List.of(); // Encrypted under the gateway's key password, which the admin side does not hold.
                }
                char[] password = Files.readString(pass, StandardCharsets.UTF_8).replaceAll("[\\r\\n]+$", "")
                    .toCharArray();
                Pkcs12Reader.KeyWithChain entry = new Pkcs12Reader().read(content, password);
                java.util.Arrays.fill(password, '\0');
                return List.of(entry.certificate());
            }
            return CertificateCodec.certificates(content);
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            return List.of();
        }
    }

    /** Regular files as the gateway lists them: no dotfiles, password files or README notes. */
    private static List<Path> files(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.filter(Files::isRegularFile).filter(p -> {
                String name = p.getFileName().toString();
                return !name.startsWith(".") && !name.endsWith(".pass")
                    && !name.toUpperCase(Locale.ROOT).startsWith("README");
            }).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
    }
}
