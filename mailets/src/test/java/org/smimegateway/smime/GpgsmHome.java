package org.smimegateway.smime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import org.smimegateway.keystore.testing.ExternalTool;
import org.smimegateway.keystore.testing.PkiFiles;
import org.smimegateway.keystore.testing.TestIdentity;

/**
 * A throw-away GnuPG home for {@code gpgsm}: identities imported from PKCS#12, one root marked trusted, no CRL or
 * network look-ups. gpgsm 2.2 reads only the old PKCS#12 encryption (RC2/3DES, SHA-1 MAC), so identities are
 * converted by {@code openssl pkcs12 -legacy} first; that weakness stays inside the test.
 */
final class GpgsmHome implements AutoCloseable {
    private static final String PASSPHRASE = "gpgsm-test";

    private final ExternalTool gpgsm;
    private final ExternalTool openssl;
    private final Path home;

    private GpgsmHome(ExternalTool gpgsm, ExternalTool openssl, Path home) {
        this.gpgsm = gpgsm;
        this.openssl = openssl;
        this.home = home;
    }

    static GpgsmHome create(Path dir, X509Certificate trustedRoot) {
        ExternalTool gpgsm = ExternalTool.require("gpgsm", "gpgsm");
        ExternalTool openssl = ExternalTool.require("openssl", "openssl");
        try {
            Path home = Files.createDirectories(dir.resolve("gnupg"));
            Files.writeString(home.resolve("gpg-agent.conf"), "allow-loopback-pinentry\n");
            Files.writeString(home.resolve("gpgsm.conf"), "disable-crl-checks\ndisable-policy-checks\n");
            Files.writeString(home.resolve("trustlist.txt"), sha1(trustedRoot) + " S relax\n");
            GpgsmHome result = new GpgsmHome(gpgsm, openssl, home);
            result.gpgsm(null, "--import", PkiFiles.writePem(dir.resolve("gpgsm-root.pem"), trustedRoot).toString())
                .assertSuccess();
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Imports the identity's key, certificate and chain, so gpgsm can sign as it and decrypt for it. */
    void importIdentity(TestIdentity identity) {
        Path dir = home.getParent();
        String name = identity.certificate().getSerialNumber().toString(16);
        Path key = PkiFiles.writePrivateKeyPem(dir.resolve("gpgsm-" + name + ".key"), identity);
        Path certificate = PkiFiles.writePem(dir.resolve("gpgsm-" + name + ".pem"), identity.certificate());
        Path chain = PkiFiles.writePem(dir.resolve("gpgsm-" + name + "-chain.pem"),
            identity.chain().toArray(X509Certificate[]::new));
        // gpgsm's own PKCS#12 reader now and then cannot decrypt the key bag OpenSSL wrote (it reports "decryption
        // failed" for every charset, and the same file fails again): a fresh export has a fresh salt and IV.
        ExternalTool.Result imported = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            Path p12 = dir.resolve("gpgsm-" + name + "-" + attempt + ".p12");
            openssl.run("pkcs12", "-export", "-legacy", "-inkey", key.toString(), "-in", certificate.toString(),
                "-certfile", chain.toString(), "-passout", "pass:" + PASSPHRASE, "-out", p12.toString()).assertSuccess();
            imported = withPassphrase("--import", p12.toString());
            if (imported.succeeded()) {
                return;
            }
            sleep();
        }
        imported.assertSuccess();
    }

    private static void sleep() {
        try {
            Thread.sleep(300);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** gpgsm with this home, batch mode and no network; {@code stdin} may be null. */
    ExternalTool.Result gpgsm(byte[] stdin, String... arguments) {
        List<String> command = new ArrayList<>(List.of("--homedir", home.toString(), "--batch", "--disable-crl-checks"));
        command.addAll(List.of(arguments));
        return gpgsm.run(home.getParent(), stdin, command.toArray(String[]::new));
    }

    /** gpgsm for operations that need the private key: the passphrase goes in on stdin. */
    ExternalTool.Result withPassphrase(String... arguments) {
        List<String> command = new ArrayList<>(List.of("--pinentry-mode", "loopback", "--passphrase-fd", "0"));
        command.addAll(List.of(arguments));
        return gpgsm((PASSPHRASE + "\n").getBytes(StandardCharsets.UTF_8), command.toArray(String[]::new));
    }

    Path file(String name, byte[] content) {
        return PkiFiles.write(home.getParent().resolve(name), content);
    }

    @Override
    public void close() {
        // The agent gpgsm started for this home would otherwise outlive the test.
        try {
            Process process = new ProcessBuilder("gpgconf", "--homedir", home.toString(), "--kill", "all").start();
            process.waitFor();
            // The agent removes its sockets as it exits; wait, or it races the temporary directory's deletion.
            for (int i = 0; i < 100 && hasSockets(); i++) {
                Thread.sleep(20);
            }
        } catch (IOException e) {
            // Nothing to stop.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean hasSockets() throws IOException {
        try (Stream<Path> files = Files.list(home)) {
            return files.anyMatch(file -> file.getFileName().toString().startsWith("S."));
        }
    }

    private static String sha1(X509Certificate certificate) {
        try {
            return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-1").digest(certificate.getEncoded()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
