package org.smimegateway.keystore.codec;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CRL;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

/**
 * Reads certificates and CRLs in every encoding operators and directories hand us: PEM (one or more blocks), DER,
 * and certs-only PKCS#7 ({@code .p7b}, RFC 2798 {@code userSMIMECertificate}). The JDK's X.509 factory does the
 * parsing so every certificate we hand out is a plain JDK certificate, whichever Bouncy Castle is on the class path.
 */
public final class CertificateCodec {
    private CertificateCodec() {
    }

    /**
     * All certificates in {@code encoded}.
     *
     * @throws GeneralSecurityException if the bytes are neither PEM, DER nor PKCS#7 certificates
     */
    public static List<X509Certificate> certificates(byte[] encoded) throws GeneralSecurityException {
        if (looksLikePem(encoded)) {
            List<X509Certificate> result = new ArrayList<>();
            for (PemObject block : pemBlocks(encoded)) {
                switch (block.getType()) {
                    case "CERTIFICATE", "X509 CERTIFICATE", "TRUSTED CERTIFICATE" ->
                        result.add(certificate(block.getContent()));
                    case "PKCS7", "CMS" -> result.addAll(fromPkcs7(block.getContent()));
                    default -> {
                        // Keys or other blocks next to certificates are not ours to read here.
                    }
                }
            }
            if (result.isEmpty()) {
                throw new GeneralSecurityException("no certificate in PEM");
            }
            return List.copyOf(result);
        }
        if (looksLikeCms(encoded)) {
            return fromPkcs7(encoded);
        }
        Collection<? extends Certificate> parsed = factory().generateCertificates(new ByteArrayInputStream(encoded));
        if (parsed.isEmpty()) {
            throw new GeneralSecurityException("no certificate found");
        }
        List<X509Certificate> result = new ArrayList<>();
        for (Certificate certificate : parsed) {
            result.add((X509Certificate) certificate);
        }
        return List.copyOf(result);
    }

    /** All CRLs in {@code encoded} (PEM or DER). */
    public static List<X509CRL> crls(byte[] encoded) throws GeneralSecurityException {
        if (looksLikePem(encoded)) {
            List<X509CRL> result = new ArrayList<>();
            for (PemObject block : pemBlocks(encoded)) {
                if (block.getType().equals("X509 CRL")) {
                    result.add((X509CRL) factory().generateCRL(new ByteArrayInputStream(block.getContent())));
                }
            }
            if (result.isEmpty()) {
                throw new GeneralSecurityException("no CRL in PEM");
            }
            return List.copyOf(result);
        }
        Collection<? extends CRL> parsed = factory().generateCRLs(new ByteArrayInputStream(encoded));
        if (parsed.isEmpty()) {
            throw new GeneralSecurityException("no CRL found");
        }
        List<X509CRL> result = new ArrayList<>();
        for (CRL crl : parsed) {
            result.add((X509CRL) crl);
        }
        return List.copyOf(result);
    }

    /** One certificate from DER. */
    public static X509Certificate certificate(byte[] der) throws GeneralSecurityException {
        return (X509Certificate) factory().generateCertificate(new ByteArrayInputStream(der));
    }

    private static List<X509Certificate> fromPkcs7(byte[] der) throws GeneralSecurityException {
        try {
            List<X509Certificate> result = new ArrayList<>();
            for (X509CertificateHolder holder : new CMSSignedData(der).getCertificates().getMatches(null)) {
                result.add(certificate(holder.getEncoded()));
            }
            if (result.isEmpty()) {
                throw new GeneralSecurityException("PKCS#7 structure holds no certificate");
            }
            return List.copyOf(result);
        } catch (CMSException | IOException | RuntimeException e) {
            // Bouncy Castle reports some malformed ASN.1 as runtime exceptions; to us it is just a bad file.
            throw new GeneralSecurityException("not a readable PKCS#7 structure: " + e.getMessage(), e);
        }
    }

    /** PEM blocks in order; text around them (e.g. openssl's human-readable dump) is ignored. */
    private static List<PemObject> pemBlocks(byte[] encoded) throws GeneralSecurityException {
        List<PemObject> blocks = new ArrayList<>();
        try (PemReader reader = new PemReader(new InputStreamReader(new ByteArrayInputStream(encoded),
            StandardCharsets.US_ASCII))) {
            for (PemObject block = reader.readPemObject(); block != null; block = reader.readPemObject()) {
                blocks.add(block);
            }
        } catch (IOException e) {
            throw new GeneralSecurityException("malformed PEM: " + e.getMessage(), e);
        }
        return blocks;
    }

    private static boolean looksLikePem(byte[] encoded) {
        String start = new String(encoded, 0, Math.min(encoded.length, 4096), StandardCharsets.ISO_8859_1);
        return start.contains("-----BEGIN ");
    }

    /** A DER SEQUENCE starting with the id-signedData OID is PKCS#7; a certificate starts with a nested SEQUENCE. */
    private static boolean looksLikeCms(byte[] der) {
        byte[] signedDataOid = {0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x07, 0x02};
        int limit = Math.min(der.length - signedDataOid.length, 8);
        for (int i = 0; i <= limit; i++) {
            if (Arrays.equals(der, i, i + signedDataOid.length, signedDataOid, 0, signedDataOid.length)) {
                return true;
            }
        }
        return false;
    }

    private static CertificateFactory factory() throws GeneralSecurityException {
        return CertificateFactory.getInstance("X.509");
    }
}
