package org.smimegateway.keystore.contract;

import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.smimegateway.keystore.KeystoreProvider;
import org.smimegateway.keystore.file.FileCertificateStore;
import org.smimegateway.keystore.file.FileStoreSettings;
import org.smimegateway.keystore.store.StoreKeystoreProvider;
import org.smimegateway.keystore.testing.PkiFiles;
import org.smimegateway.keystore.testing.TestIdentity;
import org.smimegateway.keystore.trust.PathValidator;
import org.smimegateway.keystore.trust.RevocationPolicy;

/** The file store, filled the way an operator would: files dropped into the layout's directories. */
final class FileBackend implements KeystoreBackend {
    static final char[] PASSWORD = "changeit-test".toCharArray();

    private final Path root;
    private final AtomicInteger counter = new AtomicInteger();
    private FileCertificateStore store;
    private KeystoreProvider provider;

    FileBackend(Path root) {
        this.root = root;
    }

    @Override
    public void publish(String address, X509Certificate... certificates) {
        String name = address.startsWith("*@") ? "@" + address.substring(2) : address + "-" + counter.incrementAndGet();
        PkiFiles.writePem(root.resolve("certs").resolve(name + ".pem"), certificates);
    }

    @Override
    public boolean holdsPrivateKeys() {
        return true;
    }

    @Override
    public void addKeys(String owner, TestIdentity... identities) {
        String name = owner.startsWith("*@") ? "@" + owner.substring(2) : owner + "-" + counter.incrementAndGet();
        PkiFiles.write(root.resolve("keys").resolve(name + ".p12"), PkiFiles.pkcs12(List.of(identities), PASSWORD,
            "key"));
    }

    @Override
    public void addAnchor(X509Certificate anchor) {
        PkiFiles.writeDer(root.resolve("anchors").resolve("anchor-" + counter.incrementAndGet() + ".cer"), anchor);
    }

    @Override
    public void addIntermediate(X509Certificate intermediate) {
        PkiFiles.writePem(root.resolve("intermediates").resolve("ca-" + counter.incrementAndGet() + ".pem"),
            intermediate);
    }

    @Override
    public void addCrl(X509CRL crl, X509Certificate issuer) {
        PkiFiles.writeCrlDer(root.resolve("crls").resolve("crl-" + counter.incrementAndGet() + ".crl"), crl);
    }

    @Override
    public void prepareHarvest(String address) {
        // Any address can be harvested into the file store.
    }

    @Override
    public KeystoreProvider provider() {
        if (provider == null) {
            store = FileCertificateStore.open(new FileStoreSettings(root, PASSWORD, Duration.ZERO));
            provider = new StoreKeystoreProvider(store,
                new PathValidator(store.trust(), RevocationPolicy.DEFAULT, Clock.systemUTC()), Clock.systemUTC());
        }
        return provider;
    }

    @Override
    public void refresh() {
        if (store != null) {
            store.rescan();
        }
    }

    @Override
    public boolean canBecomeUnavailable() {
        return false;
    }

    @Override
    public void makeUnavailable() {
        throw new UnsupportedOperationException("a local directory does not go down");
    }

    @Override
    public void close() {
        if (store != null) {
            store.close();
        }
    }
}
