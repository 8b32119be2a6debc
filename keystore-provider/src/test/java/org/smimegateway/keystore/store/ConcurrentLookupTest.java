package org.smimegateway.keystore.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smimegateway.keystore.EncryptionCertificates;
import org.smimegateway.keystore.HarvestOutcome;
import org.smimegateway.keystore.Lookup;
import org.smimegateway.keystore.file.FileCertificateStore;
import org.smimegateway.keystore.file.FileStoreSettings;
import org.smimegateway.keystore.testing.PkiFiles;
import org.smimegateway.keystore.testing.TestIdentity;
import org.smimegateway.keystore.testing.TestPki;
import org.smimegateway.keystore.trust.PathValidator;
import org.smimegateway.keystore.trust.RevocationPolicy;

/** Many threads asking while the store is rescanned in the background and certificates are harvested. */
class ConcurrentLookupTest {
    private static final TestPki PKI = TestPki.create("Concurrent");

    @TempDir
    Path root;

    @Test
    void lookupsStayCorrectWhileTheStoreChanges() throws Exception {
        TestIdentity stable = PKI.user("stable@example.com");
        PkiFiles.writePem(root.resolve("certs/stable.pem"), stable.certificate());
        PkiFiles.writePem(root.resolve("anchors/root.pem"), PKI.rootCertificate());
        PkiFiles.writePem(root.resolve("intermediates/int.pem"), PKI.intermediateCertificate());
        List<String> addresses = new ArrayList<>();
        List<TestIdentity> harvested = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            addresses.add("h" + i + "@example.com");
            harvested.add(PKI.endEntity(addresses.get(i)).ec().issue());
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (FileCertificateStore store = FileCertificateStore.open(new FileStoreSettings(root, null,
            Duration.ofMillis(5)))) {
            StoreKeystoreProvider provider = new StoreKeystoreProvider(store, new PathValidator(store.trust(),
                RevocationPolicy.DEFAULT, Clock.systemUTC()), Clock.systemUTC());
            Callable<Boolean> reader = () -> {
                for (int n = 0; n < 50; n++) {
                    Lookup<EncryptionCertificates> answer = provider.encryptionCertificates("stable@example.com");
                    if (!(answer instanceof Lookup.Found<EncryptionCertificates> found)
                        || !found.value().usable().equals(List.of(stable.certificate()))) {
                        return false;
                    }
                }
                return true;
            };
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < harvested.size(); i++) {
                TestIdentity identity = harvested.get(i);
                String address = addresses.get(i);
                results.add(pool.submit(() -> provider.harvest(identity.certificate(), identity.chain(), address,
                    true) instanceof HarvestOutcome.Stored));
                results.add(pool.submit(reader));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
            for (String address : addresses) {
                assertThat(provider.encryptionCertificates(address)).isInstanceOf(Lookup.Found.class);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
