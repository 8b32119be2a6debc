package org.smimegateway.smime;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.smimegateway.keystore.DecryptionKey;

/** The third-party corpus in ../shared/corpus (see its MANIFEST.md); tests skip with a message when it is absent. */
final class Corpus {
    private Corpus() {
    }

    static Path root() {
        Path root = Paths.get(System.getProperty("smimegateway.corpus", "../../shared/corpus"));
        assumeTrue(Files.isDirectory(root), "S/MIME corpus not found at " + root.toAbsolutePath()
            + " (expected ../shared/corpus beside the project): skipping corpus tests");
        return root;
    }

    static Path thunderbird(String file) {
        return root().resolve("releases-comm-central/mailnews/test/data/smime").resolve(file);
    }

    static X509Certificate certificate(Path pem) throws Exception {
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    static List<DecryptionKey> pkcs12(byte[] content, String password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(new ByteArrayInputStream(content), password.toCharArray());
        List<DecryptionKey> keys = new ArrayList<>();
        for (String alias : Collections.list(store.aliases())) {
            if (store.isKeyEntry(alias)) {
                keys.add(new DecryptionKey((PrivateKey) store.getKey(alias, password.toCharArray()),
                    (X509Certificate) store.getCertificate(alias)));
            }
        }
        return keys;
    }

    static List<DecryptionKey> pkcs12(Path file, String password) throws Exception {
        return pkcs12(Files.readAllBytes(file), password);
    }
}
