package org.smimegateway.smime;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
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
import java.util.Optional;

import org.smimegateway.keystore.DecryptionKey;

/**
 * The third-party corpus in ../shared/corpus (see its MANIFEST.md). Tests skip, with a message saying where the corpus
 * was looked for and how to point at it, when it is absent: the corpus lives beside the project, never in it.
 */
public final class Corpus {
    private Corpus() {
    }

    public static Path root() {
        Path root = Paths.get(System.getProperty("smimegateway.corpus", "../../shared/corpus"));
        assumeTrue(Files.isDirectory(root), "SKIPPED: third-party S/MIME corpus not found at "
            + root.toAbsolutePath().normalize() + " (expected ../shared/corpus beside the project, see its MANIFEST.md;"
            + " or set -Dsmimegateway.corpus=<dir>)");
        return root;
    }

    /** A file of Thunderbird's mailnews/test/data/smime set. */
    public static Path thunderbird(String file) {
        return root().resolve("releases-comm-central/mailnews/test/data/smime").resolve(file);
    }

    /** Bob's key (the recipient of every Thunderbird envelope), PKCS#12 password "nss" per the manifest. */
    static List<DecryptionKey> bob() throws Exception {
        return pkcs12(thunderbird("Bob.p12"), "nss");
    }

    /**
     * Inspects with the given keys (legacy ciphers allowed, as some corpus envelopes are 3DES) under Thunderbird's
     * TestCA; SHA-1 signatures verify only with {@code acceptSha1}.
     */
    static InspectionResult inspectThunderbird(Path message, List<DecryptionKey> keys, boolean acceptSha1) throws Exception {
        SmimeInspector inspector = new SmimeInspector(Optional.of(new SmimeDecryptor(selector -> keys, true)),
            new SmimeVerifier(TestTrust.anchoredAt(certificate(thunderbird("TestCA.pem"))), acceptSha1));
        return inspector.inspect(MimeEntities.parse(Files.readAllBytes(message)));
    }

    /** The delivered message as text (Latin-1, so any byte shows). */
    static String delivered(InspectionResult result) throws Exception {
        return new String(MimeEntities.bytes(result.message()), StandardCharsets.ISO_8859_1);
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
