package org.smimegateway.admin.pkcs12;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.smimegateway.admin.CryptoProvider;

/** Opens a PKCS#12 file holding exactly one private key with its certificate (and the chain above it). */
public final class Pkcs12Reader {

    /** The key, its certificate and the issuers the file carries (possibly none). */
    public record KeyWithChain(PrivateKey key, X509Certificate certificate, List<X509Certificate> chain) {
    }

    public KeyWithChain read(byte[] pkcs12, char[] password) {
        KeyStore store;
        try {
            store = KeyStore.getInstance("PKCS12", CryptoProvider.bouncyCastle());
            store.load(new ByteArrayInputStream(pkcs12), password);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot open the PKCS#12 file (wrong password or not PKCS#12): "
                + e.getMessage(), e);
        }
        try {
            List<String> keyAliases = new ArrayList<>();
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    keyAliases.add(alias);
                }
            }
            if (keyAliases.size() != 1) {
                throw new IllegalArgumentException("the PKCS#12 file holds " + keyAliases.size()
                    + " private keys; import needs exactly one");
            }
            String alias = keyAliases.get(0);
            PrivateKey key = (PrivateKey) store.getKey(alias, password);
            Certificate[] path = store.getCertificateChain(alias);
            if (key == null || path == null || path.length == 0 || !(path[0] instanceof X509Certificate)) {
                throw new IllegalArgumentException("the PKCS#12 key has no X.509 certificate with it");
            }
            List<X509Certificate> chain = new ArrayList<>();
            for (int i = 1; i < path.length; i++) {
                chain.add((X509Certificate) path[i]);
            }
            return new KeyWithChain(key, (X509Certificate) path[0], List.copyOf(chain));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read the key from the PKCS#12 file: " + e.getMessage(), e);
        }
    }
}
