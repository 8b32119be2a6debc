package org.smimegateway.keystore.file;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.smimegateway.keystore.CertificateProfile;
import org.smimegateway.keystore.codec.CertificateCodec;
import org.smimegateway.keystore.store.KeyEntry;

/** Reads one store file according to the directory it is in; problems become a rejection reason, never a throw. */
final class FileParser {
    private static final List<String> PEM_KEY_EXTENSIONS = List.of(".pem", ".key");
    private static final List<String> KEY_EXTENSIONS = List.of(".p12", ".pfx", ".pem", ".key");
    private static final List<String> CERT_EXTENSIONS = List.of(".pem", ".crt", ".cer", ".der", ".p7b", ".p7c");
    private static final List<String> CRL_EXTENSIONS = List.of(".crl", ".pem", ".der");

    private final char[] defaultPassword;

    FileParser(char[] defaultPassword) {
        this.defaultPassword = defaultPassword;
    }

    LoadedFile parse(Path file, FileKind kind, long size, long modified) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        try {
            byte[] content = Files.readAllBytes(file);
            return switch (kind) {
                case KEYS -> keys(file, name, content, size, modified);
                case CRLS -> hasExtension(name, CRL_EXTENSIONS)
                    ? new LoadedFile(file, kind, size, modified, List.of(), List.of(), CertificateCodec.crls(content),
                        null)
                    : unknownType(file, kind, size, modified, CRL_EXTENSIONS);
                case CERTS, HARVESTED, ANCHORS, INTERMEDIATES -> hasExtension(name, CERT_EXTENSIONS)
                    ? certificates(file, kind, content, size, modified)
                    : unknownType(file, kind, size, modified, CERT_EXTENSIONS);
            };
        } catch (IOException e) {
            return LoadedFile.rejected(file, kind, size, modified, "unreadable: " + e.getMessage());
        } catch (GeneralSecurityException e) {
            return LoadedFile.rejected(file, kind, size, modified, e.getMessage());
        }
    }

    private LoadedFile keys(Path file, String name, byte[] content, long size, long modified)
        throws IOException, GeneralSecurityException {
        if (!hasExtension(name, KEY_EXTENSIONS)) {
            return unknownType(file, FileKind.KEYS, size, modified, KEY_EXTENSIONS);
        }
        char[] password = password(file);
        boolean pem = hasExtension(name, PEM_KEY_EXTENSIONS);
        if (password == null && !pem) {
            return LoadedFile.rejected(file, FileKind.KEYS, size, modified,
                "no password: neither " + file.getFileName() + ".pass nor a default key password is configured");
        }
        try {
            List<KeyEntry> keys = pem ? PemKeyReader.read(content, password, file.getFileName().toString())
                : Pkcs12Reader.read(content, password, file.getFileName().toString());
            for (KeyEntry key : keys) {
                if (CertificateProfile.addresses(key.certificate()).isEmpty() && !isDomainFile(file)) {
                    return LoadedFile.rejected(file, FileKind.KEYS, size, modified, "certificate "
                        + CertificateProfile.describe(key.certificate()) + " names no mail address");
                }
            }
            return new LoadedFile(file, FileKind.KEYS, size, modified, keys, List.of(), List.of(), null);
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
        }
    }

    private static LoadedFile certificates(Path file, FileKind kind, byte[] content, long size, long modified)
        throws GeneralSecurityException {
        List<X509Certificate> certificates = CertificateCodec.certificates(content);
        if (kind == FileKind.CERTS || kind == FileKind.HARVESTED) {
            for (X509Certificate certificate : certificates) {
                if (certificate.getBasicConstraints() < 0 && CertificateProfile.addresses(certificate).isEmpty()
                    && !isDomainFile(file)) {
                    return LoadedFile.rejected(file, kind, size, modified, "certificate "
                        + CertificateProfile.describe(certificate) + " names no mail address");
                }
            }
        }
        return new LoadedFile(file, kind, size, modified, List.of(), certificates, List.of(), null);
    }

    /** {@code <file>.pass}, then {@code <file without extension>.pass}, then the configured default. */
    private char[] password(Path file) throws IOException {
        for (Path candidate : passwordFiles(file)) {
            if (Files.isRegularFile(candidate)) {
                String text = Files.readString(candidate, StandardCharsets.UTF_8);
                return text.replaceAll("[\\r\\n]+$", "").toCharArray();
            }
        }
        return defaultPassword == null ? null : defaultPassword.clone();
    }

    /** The password files that may belong to a PKCS#12 file, in the order they are tried. */
    static List<Path> passwordFiles(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return List.of(file.resolveSibling(name + ".pass"),
            file.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".pass"));
    }

    /** Files named {@code @example.com.<ext>} hold the domain-level key or certificate of {@code example.com}. */
    static boolean isDomainFile(Path file) {
        return file.getFileName().toString().startsWith("@");
    }

    /** The domain of a domain file, e.g. {@code example.com} for {@code @example.com.pem}. */
    static String domainOf(Path file) {
        String name = file.getFileName().toString().substring(1);
        int dot = name.lastIndexOf('.');
        return (dot > 0 ? name.substring(0, dot) : name).toLowerCase(Locale.ROOT);
    }

    private static boolean hasExtension(String name, List<String> extensions) {
        return extensions.stream().anyMatch(name::endsWith);
    }

    private static LoadedFile unknownType(Path file, FileKind kind, long size, long modified, List<String> accepted) {
        return LoadedFile.rejected(file, kind, size, modified, "unknown file type in " + kind.directory
            + "/ (accepted: " + String.join(", ", accepted) + ")");
    }
}
