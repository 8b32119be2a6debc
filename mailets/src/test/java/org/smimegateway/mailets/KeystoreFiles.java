package org.smimegateway.mailets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.smimegateway.keystore.testing.PkiFiles;
import org.smimegateway.keystore.testing.TestIdentity;
import org.smimegateway.keystore.testing.TestPki;

/**
 * Writes a file-store keystore configuration as operators lay it out (keystore.xml beside store/): the test PKI's
 * root as anchor, its intermediate, our users' keys as PKCS#12 with a .pass file, recipients' certificates as PEM.
 * No periodic rescan, so a test sees exactly what it wrote before the first mailet was built.
 */
final class KeystoreFiles {
    private KeystoreFiles() {
    }

    static Path write(Path dir, TestPki pki, List<TestIdentity> keys, List<TestIdentity> certificates) throws IOException {
        Path store = Files.createDirectories(dir.resolve("store"));
        for (String folder : List.of("keys", "certs", "anchors", "intermediates", "crls", "harvested")) {
            Files.createDirectories(store.resolve(folder));
        }
        PkiFiles.writePem(store.resolve("anchors/root.pem"), pki.rootCertificate());
        PkiFiles.writePem(store.resolve("intermediates/intermediate.pem"), pki.intermediateCertificate());
        for (TestIdentity key : keys) {
            String name = name(key);
            PkiFiles.writePkcs12(store.resolve("keys/" + name + ".p12"), key, "pw".toCharArray());
            Files.writeString(store.resolve("keys/" + name + ".p12.pass"), "pw");
        }
        for (TestIdentity certificate : certificates) {
            PkiFiles.writePem(store.resolve("certs/" + name(certificate) + ".pem"), certificate.certificate());
        }
        return Files.writeString(dir.resolve("keystore.xml"), """
            <keystore>
                <revocation failMode="soft" fetchDistributionPoints="false"/>
                <file name="local">
                    <directory>store</directory>
                    <rescanInterval>0s</rescanInterval>
                </file>
            </keystore>
            """);
    }

    private static String name(TestIdentity identity) {
        return identity.certificate().getSerialNumber().toString(16);
    }
}
