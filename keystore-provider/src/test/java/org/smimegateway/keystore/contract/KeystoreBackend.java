package org.smimegateway.keystore.contract;

import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import org.smimegateway.keystore.KeystoreProvider;
import org.smimegateway.keystore.testing.TestIdentity;

/**
 * One keystore implementation as the contract tests see it: a place to put certificates, keys, anchors,
 * intermediates and CRLs the way an operator would, and the provider reading them.
 */
interface KeystoreBackend extends AutoCloseable {

    /** Publishes certificates for an address ({@code *@domain} for a domain-level entry). */
    void publish(String address, X509Certificate... certificates);

    /** Whether this backend holds private keys (a directory does not). */
    boolean holdsPrivateKeys();

    /** Stores private keys with their certificates and chains, all in one file/entry for {@code owner}. */
    void addKeys(String owner, TestIdentity... identities);

    void addAnchor(X509Certificate anchor);

    void addIntermediate(X509Certificate intermediate);

    void addCrl(X509CRL crl, X509Certificate issuer);

    /** Makes {@code address} a place harvested certificates can go (a directory needs an entry). */
    void prepareHarvest(String address);

    /** The provider over everything added so far (built on first call; later additions need {@link #refresh()}). */
    KeystoreProvider provider();

    /** Makes the provider see changes made after it was built, as a rescan or cache expiry would. */
    void refresh();

    /** Whether {@link #makeUnavailable()} is supported. */
    boolean canBecomeUnavailable();

    /** Takes the backing service away (directory down). */
    void makeUnavailable();

    @Override
    void close();
}
