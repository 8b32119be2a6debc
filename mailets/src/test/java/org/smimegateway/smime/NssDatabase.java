package org.smimegateway.smime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import org.smimegateway.keystore.testing.ExternalTool;
import org.smimegateway.keystore.testing.PkiFiles;
import org.smimegateway.keystore.testing.TestIdentity;

/**
 * A throw-away NSS certificate database (empty password) for {@code cmsutil}, the CMS tool of Thunderbird's crypto
 * library: identities imported with {@code pk12util}, one root trusted for e-mail.
 */
final class NssDatabase {
    static final String DEBIAN_PACKAGE = "libnss3-tools";
    private static final String P12_PASSWORD = "nss-test";

    private final ExternalTool cmsutil;
    private final ExternalTool pk12util;
    private final Path dir;

    private NssDatabase(ExternalTool cmsutil, ExternalTool pk12util, Path dir) {
        this.cmsutil = cmsutil;
        this.pk12util = pk12util;
        this.dir = dir;
    }

    static NssDatabase create(Path parent, X509Certificate trustedRoot) {
        ExternalTool certutil = ExternalTool.require("certutil", DEBIAN_PACKAGE);
        ExternalTool cmsutil = ExternalTool.require("cmsutil", DEBIAN_PACKAGE);
        ExternalTool pk12util = ExternalTool.require("pk12util", DEBIAN_PACKAGE);
        try {
            Path dir = Files.createDirectories(parent.resolve("nssdb"));
            certutil.run("-N", "-d", "sql:" + dir, "--empty-password").assertSuccess();
            Path root = PkiFiles.writePem(parent.resolve("nss-root.pem"), trustedRoot);
            certutil.run("-A", "-d", "sql:" + dir, "-n", "test-root", "-t", "CT,C,C", "-i", root.toString()).assertSuccess();
            return new NssDatabase(cmsutil, pk12util, dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Imports key, certificate and chain; returns the nickname cmsutil signs with. */
    String importIdentity(TestIdentity identity) {
        String nickname = "id-" + identity.certificate().getSerialNumber().toString(16);
        Path p12 = PkiFiles.writePkcs12(dir.getParent().resolve(nickname + ".p12"), identity, P12_PASSWORD.toCharArray(),
            nickname);
        pk12util.run("-i", p12.toString(), "-d", "sql:" + dir, "-W", P12_PASSWORD, "-K", "").assertSuccess();
        return nickname;
    }

    ExternalTool.Result cmsutil(String... arguments) {
        List<String> command = new ArrayList<>(List.of(arguments));
        command.add("-d");
        command.add("sql:" + dir);
        return cmsutil.run(dir.getParent(), null, command.toArray(String[]::new));
    }

    Path file(String name, byte[] content) {
        return PkiFiles.write(dir.getParent().resolve(name), content);
    }
}
