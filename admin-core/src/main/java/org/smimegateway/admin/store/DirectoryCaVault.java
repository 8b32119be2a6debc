package org.smimegateway.admin.store;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.smimegateway.admin.ca.CaMaterial;
import org.smimegateway.admin.ca.Revocation;
import org.smimegateway.admin.ca.RevocationReason;

/**
 * The CA in a directory: {@code root.pem}, {@code intermediate.pem}, {@code root-key.pem} and
 * {@code intermediate-key.pem} (encrypted PKCS#8), {@code ca.properties}, {@code revocations.csv}.
 */
public final class DirectoryCaVault implements CaVault {

    private static final String ROOT = "root.pem";
    private static final String INTERMEDIATE = "intermediate.pem";
    private static final String ROOT_KEY = "root-key.pem";
    private static final String INTERMEDIATE_KEY = "intermediate-key.pem";
    private static final String PROPERTIES = "ca.properties";
    private static final String REVOCATIONS = "revocations.csv";

    private final Path directory;

    public DirectoryCaVault(Path directory) {
        this.directory = directory;
    }

    @Override
    public boolean exists() {
        return Files.exists(directory.resolve(INTERMEDIATE_KEY));
    }

    @Override
    public void create(CaMaterial material, CaSettings settings, char[] password) {
        if (exists()) {
            throw new IllegalStateException("a CA already exists in " + directory + "; refusing to overwrite it");
        }
        AtomicFiles.writeSecret(directory.resolve(ROOT_KEY), Pem.encryptedPrivateKey(material.rootKey(), password));
        AtomicFiles.writeSecret(directory.resolve(INTERMEDIATE_KEY),
            Pem.encryptedPrivateKey(material.intermediateKey(), password));
        AtomicFiles.write(directory.resolve(ROOT), Pem.certificates(List.of(material.root())));
        AtomicFiles.write(directory.resolve(INTERMEDIATE), Pem.certificates(List.of(material.intermediate())));
        Properties properties = new Properties();
        settings.organization().ifPresent(o -> properties.setProperty("organization", o));
        settings.crlBaseUrl().ifPresent(u -> properties.setProperty("crl.base.url", u.toString()));
        settings.aiaBaseUrl().ifPresent(u -> properties.setProperty("aia.base.url", u.toString()));
        properties.setProperty("crl.number", "0");
        writeProperties(properties);
    }

    @Override
    public CaMaterial unlock(char[] password) {
        requireExists();
        return new CaMaterial(
            Pem.decryptPrivateKey(read(ROOT_KEY), password), certificate(ROOT),
            Pem.decryptPrivateKey(read(INTERMEDIATE_KEY), password), certificate(INTERMEDIATE));
    }

    @Override
    public List<X509Certificate> chain() {
        requireExists();
        return List.of(certificate(INTERMEDIATE), certificate(ROOT));
    }

    @Override
    public CaSettings settings() {
        Properties properties = readProperties();
        return new CaSettings(
            Optional.ofNullable(properties.getProperty("organization")),
            Optional.ofNullable(properties.getProperty("crl.base.url")).map(URI::create),
            Optional.ofNullable(properties.getProperty("aia.base.url")).map(URI::create));
    }

    @Override
    public List<Revocation> revocations() {
        Path file = directory.resolve(REVOCATIONS);
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            List<Revocation> result = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] fields = line.split(",");
                result.add(new Revocation(new BigInteger(fields[0], 16), Instant.parse(fields[1]),
                    RevocationReason.valueOf(fields[2])));
            }
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    @Override
    public void recordRevocation(Revocation revocation) {
        requireExists();
        StringBuilder content = new StringBuilder("# serial (hex),revoked at,reason\n");
        for (Revocation existing : revocations()) {
            if (existing.serialNumber().equals(revocation.serialNumber())) {
                throw new IllegalStateException("serial " + revocation.serialNumber().toString(16)
                    + " is already revoked");
            }
            content.append(line(existing));
        }
        content.append(line(revocation));
        AtomicFiles.write(directory.resolve(REVOCATIONS), content.toString().getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public BigInteger nextCrlNumber() {
        Properties properties = readProperties();
        BigInteger next = new BigInteger(properties.getProperty("crl.number", "0")).add(BigInteger.ONE);
        properties.setProperty("crl.number", next.toString());
        writeProperties(properties);
        return next;
    }

    private static String line(Revocation revocation) {
        return revocation.serialNumber().toString(16) + "," + revocation.revokedAt() + "," + revocation.reason()
            + "\n";
    }

    private void requireExists() {
        if (!exists()) {
            throw new IllegalStateException("no CA in " + directory + "; create one with 'init-ca'");
        }
    }

    private X509Certificate certificate(String name) {
        return Pem.readCertificates(read(name)).get(0);
    }

    private byte[] read(String name) {
        try {
            return Files.readAllBytes(directory.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + directory.resolve(name), e);
        }
    }

    private Properties readProperties() {
        requireExists();
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(new String(read(PROPERTIES), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + PROPERTIES, e);
        }
        return properties;
    }

    private void writeProperties(Properties properties) {
        StringWriter out = new StringWriter();
        try {
            properties.store(out, "smime-gateway CA settings");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + PROPERTIES, e);
        }
        AtomicFiles.write(directory.resolve(PROPERTIES), out.toString().getBytes(StandardCharsets.UTF_8));
    }
}
