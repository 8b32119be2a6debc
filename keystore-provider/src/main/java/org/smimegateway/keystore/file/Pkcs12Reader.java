package org.smimegateway.keystore.file;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.smimegateway.keystore.Providers;
import org.smimegateway.keystore.codec.CertificateCodec;
import org.smimegateway.keystore.store.KeyEntry;

/**
 * Reads every private key entry of a PKCS#12 file. The JDK reads modern files (PBES2/AES); Bouncy Castle, passed as
 * an instance, is the fallback for legacy encryptions some exporters still write.
 */
final class Pkcs12Reader {
    private Pkcs12Reader() {
    }

    static List<KeyEntry> read(byte[] content, char[] password, String origin) throws GeneralSecurityException {
        GeneralSecurityException first;
        try {
            return entries(load(KeyStore.getInstance("PKCS12"), content, password), password, origin);
        } catch (GeneralSecurityException e) {
            first = e;
        }
        try {
            return entries(load(KeyStore.getInstance("PKCS12", Providers.BC), content, password), password, origin);
        } catch (GeneralSecurityException e) {
            first.addSuppressed(e);
            throw first;
        }
    }

    private static KeyStore load(KeyStore store, byte[] content, char[] password) throws GeneralSecurityException {
        try {
            store.load(new ByteArrayInputStream(content), password);
            return store;
        } catch (IOException e) {
            // The JDK reports a wrong password as an IOException whose cause is UnrecoverableKeyException.
            throw new GeneralSecurityException("wrong password or unreadable PKCS#12 (" + e.getMessage() + ")", e);
        }
    }

    private static List<KeyEntry> entries(KeyStore store, char[] password, String origin)
        throws GeneralSecurityException {
        List<KeyEntry> entries = new ArrayList<>();
        for (String alias : Collections.list(store.aliases())) {
            if (!store.isKeyEntry(alias)) {
                continue;
            }
            Key key = store.getKey(alias, password);
            Certificate[] chain = store.getCertificateChain(alias);
            if (!(key instanceof PrivateKey privateKey) || chain == null || chain.length == 0) {
                continue;
            }
            List<X509Certificate> certificates = new ArrayList<>();
            for (Certificate certificate : chain) {
                // Re-encode through the JDK factory so BC-parsed certificates look like every other one.
                certificates.add(CertificateCodec.certificate(certificate.getEncoded()));
            }
            entries.add(new KeyEntry(privateKey, certificates.get(0), certificates.subList(1, certificates.size()),
                origin + "#" + alias));
        }
        if (entries.isEmpty()) {
            throw new GeneralSecurityException("no private key entry with a certificate");
        }
        return entries;
    }
}
