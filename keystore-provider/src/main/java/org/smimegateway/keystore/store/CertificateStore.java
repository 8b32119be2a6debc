package org.smimegateway.keystore.store;

import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.List;
import org.smimegateway.keystore.Lookup;
import org.smimegateway.keystore.SourceStatus;
import org.smimegateway.keystore.trust.TrustSource;

/**
 * Raw storage behind a {@link StoreKeystoreProvider}: certificates and keys by store key (a normalized address or
 * {@code *@domain}), trust material, and a place for harvested certificates. Stores do not judge; the provider
 * applies the selection and harvesting rules, so every store behaves the same.
 */
public interface CertificateStore {

    /** A short name for logs and decision traces, e.g. {@code file:/var/lib/smime}. */
    String name();

    /** The certificates published under {@code storeKey}; {@link Lookup.NotFound} when there are none. */
    Lookup<List<X509Certificate>> certificates(String storeKey);

    /** The private keys whose certificates are indexed under {@code storeKey}. */
    List<KeyEntry> keys(String storeKey);

    /** Every private key the store holds (decryption looks keys up by issuer+serial or key identifier). */
    List<KeyEntry> allKeys();

    /** Anchors, intermediates and CRLs of this store. */
    TrustSource trust();

    /**
     * Stores a certificate harvested for {@code address} (already checked by the provider). {@code Found} carries
     * where it went; {@code NotFound} says why the store does not take it (e.g. write-back disabled).
     */
    Lookup<String> storeHarvested(String address, X509Certificate certificate);

    /**
     * Forgets cached answers and rereads what can be reread, so that a change just made in the backing files or
     * directory shows in the next answer. Returns when done. The default has nothing cached.
     */
    default void flush() {
    }

    /** Whether the store answers now (see {@link org.smimegateway.keystore.KeystoreProvider#sources()}). */
    default SourceStatus status() {
        return SourceStatus.reachable(name(), "no reachability check for this store");
    }

    /** Every CRL the store holds now. */
    default List<X509CRL> crls() {
        return List.of();
    }
}
