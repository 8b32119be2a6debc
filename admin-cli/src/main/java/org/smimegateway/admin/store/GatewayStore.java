package org.smimegateway.admin.store;

import java.math.BigInteger;
import java.security.PrivateKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import org.smimegateway.admin.pkcs12.Pkcs12Reader;

/** What the gateway's keystore provider reads: user certificates and keys, trust anchors, intermediates, CRLs. */
public interface GatewayStore {

    /** Files a certificate under an address, so mail to that address can be encrypted. */
    void putCertificate(String address, X509Certificate certificate);

    /** Keeps a user's private key so the gateway can sign for and decrypt to that user. */
    void putPrivateKey(String address, PrivateKey key, X509Certificate certificate, List<X509Certificate> chain);

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

    /** The newest kept private key of an address (by notBefore), decrypted with the store key password. */
    Optional<Pkcs12Reader.KeyEntry> newestKey(String address);

    List<X509Certificate> trustAnchors();

    List<X509Certificate> intermediates();

    List<X509CRL> crls();
}
