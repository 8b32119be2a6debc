package org.smimegateway.admin.store;

import java.math.BigInteger;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import org.smimegateway.keystore.store.KeyEntry;

/** What the gateway's keystore provider reads: user certificates and keys, trust anchors, intermediates, CRLs. */
public interface GatewayStore {

    /** Files a certificate for an address, so mail to that address can be encrypted; returns the file. */
    Path putCertificate(String address, X509Certificate certificate);

    /** Keeps a user's private key so the gateway can sign for and decrypt to that user; returns the file. */
    Path putPrivateKey(String address, PrivateKey key, X509Certificate certificate, List<X509Certificate> chain);

    void putTrustAnchor(X509Certificate anchor);

    void putIntermediate(X509Certificate intermediate);

    /** Replaces the CRL of the same issuer. */
    void putCrl(X509CRL crl);

    List<StoredCertificate> certificates();

    default Optional<StoredCertificate> certificate(BigInteger serial) {
        return certificates().stream().filter(c -> c.certificate().getSerialNumber().equals(serial)).findFirst();
    }

    default List<StoredCertificate> certificatesFor(String address) {
        return certificates().stream().filter(c -> c.address().equalsIgnoreCase(address)).toList();
    }

    /** The newest kept private key of an address (by notBefore), as the gateway itself would read it. */
    Optional<KeyEntry> newestKey(String address);

    List<X509Certificate> trustAnchors();

    List<X509Certificate> intermediates();

    List<X509CRL> crls();
}
