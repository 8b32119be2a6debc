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

/** Reads the first key entry of a PKCS#12 file (with the JDK, which understands both encryptions we write). */
public final class Pkcs12Reader {

    /** The key entry: key, certificate, and the chain above the certificate. */
    public record KeyEntry(PrivateKey key, X509Certificate certificate, List<X509Certificate> chain) {
        public KeyEntry {
            chain = List.copyOf(chain);
        }

        @Override
        public String toString() {
            return "KeyEntry[" + certificate.getSubjectX500Principal().getName() + "]";
        }
    }

    public KeyEntry read(byte[] pkcs12, char[] password) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(new ByteArrayInputStream(pkcs12), password);
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    PrivateKey key = (PrivateKey) store.getKey(alias, password);
                    Certificate[] chain = store.getCertificateChain(alias);
                    List<X509Certificate> above = new ArrayList<>();
                    for (int i = 1; i < chain.length; i++) {
                        above.add((X509Certificate) chain[i]);
                    }
                    return new KeyEntry(key, (X509Certificate) chain[0], above);
                }
            }
            throw new IllegalArgumentException("the PKCS#12 file holds no private key");
        } catch (IOException e) {
            throw new IllegalArgumentException("the PKCS#12 file cannot be opened (wrong password?)", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the PKCS#12 file cannot be read", e);
        }
    }
}
