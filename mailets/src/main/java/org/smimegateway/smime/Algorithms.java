package org.smimegateway.smime;

import java.util.Map;
import java.util.Set;

import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAESOAEPparams;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;

/** Names for content-encryption OIDs (which of them are legacy) and for key transports. */
final class Algorithms {
    private static final Map<String, String> NAMES = Map.of(
        "2.16.840.1.101.3.4.1.2", "AES128_CBC",
        "2.16.840.1.101.3.4.1.22", "AES192_CBC",
        "2.16.840.1.101.3.4.1.42", "AES256_CBC",
        "2.16.840.1.101.3.4.1.6", "AES128_GCM",
        "2.16.840.1.101.3.4.1.26", "AES192_GCM",
        "2.16.840.1.101.3.4.1.46", "AES256_GCM",
        "1.2.840.113549.3.7", "DES_EDE3_CBC",
        "1.2.840.113549.3.2", "RC2_CBC",
        "1.3.14.3.2.7", "DES_CBC",
        "1.2.840.113549.1.9.16.3.18", "CHACHA20_POLY1305");
    private static final Set<String> MODERN = Set.of(
        "2.16.840.1.101.3.4.1.2", "2.16.840.1.101.3.4.1.22", "2.16.840.1.101.3.4.1.42",
        "2.16.840.1.101.3.4.1.6", "2.16.840.1.101.3.4.1.26", "2.16.840.1.101.3.4.1.46",
        "1.2.840.113549.1.9.16.3.18");

    private Algorithms() {
    }

    /** Whether the OID names a content encryption this gateway knows at all (modern, legacy or broken). */
    static boolean isKnown(String oid) {
        return NAMES.containsKey(oid);
    }

    static String name(String oid) {
        return NAMES.getOrDefault(oid, oid);
    }

    static boolean isLegacy(String oid) {
        return !MODERN.contains(oid);
    }

    /** Single DES (56-bit key): brute-forced in a day, so not even the legacy opt-in opens it. */
    static boolean isBroken(String oid) {
        return oid.equals("1.3.14.3.2.7");
    }

    private static final Map<String, String> HASHES = Map.of(
        "1.3.14.3.2.26", "SHA1", "2.16.840.1.101.3.4.2.4", "SHA224", "2.16.840.1.101.3.4.2.1", "SHA256",
        "2.16.840.1.101.3.4.2.2", "SHA384", "2.16.840.1.101.3.4.2.3", "SHA512");
    private static final Map<String, String> KEY_AGREEMENT = Map.of(
        "1.3.133.16.840.63.0.2", "ECDH_SHA1KDF", "1.3.132.1.11.0", "ECDH_SHA224KDF", "1.3.132.1.11.1", "ECDH_SHA256KDF",
        "1.3.132.1.11.2", "ECDH_SHA384KDF", "1.3.132.1.11.3", "ECDH_SHA512KDF",
        "1.3.133.16.840.63.0.3", "ECDH_COFACTOR_SHA1KDF", "1.3.132.1.14.1", "ECDH_COFACTOR_SHA256KDF",
        "1.3.132.1.14.2", "ECDH_COFACTOR_SHA384KDF", "1.3.132.1.14.3", "ECDH_COFACTOR_SHA512KDF");

    /**
     * The name of a RecipientInfo's key transport (or key agreement), as the policy spells them: {@code RSA_PKCS1},
     * {@code RSA_OAEP_SHA256} (hash of the OAEP parameters; SHA1 when absent, as RFC 4055 defaults),
     * {@code ECDH_SHA256KDF}; the OID for anything else.
     */
    static String keyTransportName(AlgorithmIdentifier algorithm) {
        String oid = algorithm.getAlgorithm().getId();
        if (oid.equals(PKCSObjectIdentifiers.rsaEncryption.getId())) {
            return "RSA_PKCS1";
        }
        if (oid.equals(PKCSObjectIdentifiers.id_RSAES_OAEP.getId())) {
            String hash = "1.3.14.3.2.26";
            try {
                if (algorithm.getParameters() != null) {
                    hash = RSAESOAEPparams.getInstance(algorithm.getParameters()).getHashAlgorithm().getAlgorithm().getId();
                }
            } catch (IllegalArgumentException e) {
                // Parameters that do not parse: the transport is still OAEP, its hash unknown.
                return "RSA_OAEP";
            }
            return "RSA_OAEP_" + HASHES.getOrDefault(hash, hash);
        }
        return KEY_AGREEMENT.getOrDefault(oid, oid);
    }
}
