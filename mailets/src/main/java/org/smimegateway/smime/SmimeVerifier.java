package org.smimegateway.smime;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import javax.mail.MessagingException;
import javax.mail.internet.MimeBodyPart;
import javax.mail.internet.MimeMessage;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignerDigestMismatchException;
import org.bouncycastle.cms.CMSVerifierCertificateNotValidException;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.util.Store;
import org.smimegateway.keystore.Providers;
import org.smimegateway.keystore.trust.TrustVerdict;

/**
 * Verifies one signature layer: clear-signed {@code multipart/signed} (either protocol spelling) over the exact bytes
 * of its first part, or opaque signed-data over its encapsulated content. Each SignerInfo is checked with the
 * certificate the signature carries, validated by the given trust function, and matched against From.
 */
public final class SmimeVerifier {
    private static final String SHA1 = "1.3.14.3.2.26";
    private static final String MD5 = "1.2.840.113549.2.5";
    /** Signers per layer verified by default: real mail has one, rarely two or three. */
    public static final int DEFAULT_MAX_SIGNERS = 8;
    public static final int MAX_SIGNERS_LIMIT = 64;

    private final BiFunction<X509Certificate, List<X509Certificate>, TrustVerdict> trust;
    private final boolean acceptInsecureSha1Signatures;
    private final int maxSigners;

    /** Refuses SHA-1 (and MD5) signatures: SHA-1 collisions are practical, as Thunderbird has refused them since 2023. */
    public SmimeVerifier(BiFunction<X509Certificate, List<X509Certificate>, TrustVerdict> trust) {
        this(trust, false);
    }

    /** @param acceptInsecureSha1Signatures also verify SHA-1 signatures (old clients); MD5 stays refused */
    public SmimeVerifier(BiFunction<X509Certificate, List<X509Certificate>, TrustVerdict> trust,
                         boolean acceptInsecureSha1Signatures) {
        this(trust, acceptInsecureSha1Signatures, DEFAULT_MAX_SIGNERS);
    }

    /**
     * @param maxSigners SignerInfos one signature layer may carry; a layer with more is refused before any is
     *                   verified ({@link LimitExceededException}), so 500 signers cost no 500 verifications
     */
    public SmimeVerifier(BiFunction<X509Certificate, List<X509Certificate>, TrustVerdict> trust,
                         boolean acceptInsecureSha1Signatures, int maxSigners) {
        if (maxSigners < 1 || maxSigners > MAX_SIGNERS_LIMIT) {
            throw new IllegalArgumentException("maxSigners must be 1 to " + MAX_SIGNERS_LIMIT + ", not " + maxSigners);
        }
        this.trust = Objects.requireNonNull(trust, "trust");
        this.acceptInsecureSha1Signatures = acceptInsecureSha1Signatures;
        this.maxSigners = maxSigners;
    }

    /**
     * A verified layer, the content it covers (the first part, or the encapsulated entity; empty when unreadable) and
     * the message that is delivered when the layer is accepted: the message itself for clear-signed mail, the
     * unwrapped content for opaque mail.
     */
    public record Checked(SecurityLayer.Signed layer, byte[] content, MimeMessage delivered) {
    }

    public Checked verifyClearSigned(MimeMessage message, int level) throws MessagingException, IOException {
        Optional<byte[][]> parts = MultipartSigned.split(message);
        if (parts.isEmpty()) {
            return problem(level, false, SmimeVerdict.signatureUnreadable("multipart/signed without exactly two parts"),
                new byte[0], message);
        }
        byte[] content = parts.get()[0];
        byte[] signature;
        try (InputStream in = new MimeBodyPart(new ByteArrayInputStream(parts.get()[1])).getInputStream()) {
            signature = MimeEntities.readFully(in);
        } catch (IOException | MessagingException | RuntimeException e) {
            // Bad base64 or a broken part header (JavaMail throws IndexOutOfBoundsException for a first header line
            // that continues nothing): the signature cannot vouch for anything.
            return problem(level, false, SmimeVerdict.signatureUnreadable("unreadable signature part: " + e.getMessage()),
                content, message);
        }
        try {
            CMSSignedData carried = new CMSSignedData(signature);
            byte[] signedPart = MimeEntities.canonical(content);
            if (carried.getSignedContent() != null
                && !Arrays.equals((byte[]) carried.getSignedContent().getContent(), signedPart)) {
                // A signature in multipart/signed carrying other content than the first part: which would it vouch
                // for? (Carrying the same bytes, as pyca/cryptography's S/MIME output does, is no ambiguity.)
                return problem(level, false, SmimeVerdict.contentAmbiguous(), content, message);
            }
            CMSSignedData data = new CMSSignedData(new CMSProcessableByteArray(signedPart), signature);
            return new Checked(layer(data, level, false, AuthorIdentity.of(message)), content, message);
        } catch (CMSException | RuntimeException e) {
            // Bouncy Castle reports malformed ASN.1 from outside with a zoo of runtime exceptions; all mean the same.
            return problem(level, false, SmimeVerdict.signatureUnreadable("unreadable signature: " + e.getMessage()),
                content, message);
        }
    }

    public Checked verifyOpaque(MimeMessage message, int level) throws MessagingException, IOException {
        CMSSignedData data;
        try {
            data = new CMSSignedData(ContentInfos.read(message));
        } catch (IOException | MessagingException | CMSException | RuntimeException e) {
            return problem(level, true, SmimeVerdict.signatureUnreadable("unreadable signed-data: " + e.getMessage()),
                new byte[0], message);
        }
        try {
            if (data.getSignedContent() == null) {
                return problem(level, true, SmimeVerdict.noContent(), new byte[0], message);
            }
            if (data.getSignerInfos().getSigners().isEmpty()) {
                // Nobody vouches for the content: the message stays as it came (no content handed on), with the reason.
                return problem(level, true, SmimeVerdict.noSigner(), new byte[0], message);
            }
            byte[] content = (byte[]) data.getSignedContent().getContent();
            // The content's own headers (protected headers) replace the outer ones when it is unwrapped, so the
            // signer must match the From of what is delivered, not the From of the wrapper around it.
            MimeMessage delivered = MimeEntities.withEntity(message, content);
            return new Checked(layer(data, level, true, AuthorIdentity.of(delivered)), content, delivered);
        } catch (RuntimeException e) {
            // Bouncy Castle reports malformed ASN.1 from outside with a zoo of runtime exceptions; all mean the same.
            return problem(level, true, SmimeVerdict.signatureUnreadable("unreadable signature: " + e.getMessage()),
                new byte[0], message);
        }
    }

    private static Checked problem(int level, boolean opaque, SmimeVerdict problem, byte[] content, MimeMessage message) {
        return new Checked(SecurityLayer.Signed.refused(level, opaque, problem), content, message);
    }

    private SecurityLayer.Signed layer(CMSSignedData data, int level, boolean opaque, AuthorIdentity authors)
        throws LimitExceededException {
        Collection<SignerInformation> signers = data.getSignerInfos().getSigners();
        if (signers.size() > maxSigners) {
            throw new LimitExceededException("signature layer " + level + " carries " + signers.size()
                + " signers, more than " + maxSigners + " (maxSigners): none verified");
        }
        if (signers.isEmpty()) {
            return SecurityLayer.Signed.refused(level, opaque, SmimeVerdict.noSigner());
        }
        @SuppressWarnings("unchecked")
        Store<X509CertificateHolder> store = data.getCertificates();
        List<X509Certificate> carried = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter().setProvider(Providers.BC);
        for (X509CertificateHolder holder : store.getMatches(null)) {
            try {
                carried.add(converter.getCertificate(holder));
            } catch (CertificateException e) {
                // A certificate that does not parse cannot be the signer's; path building skips it.
            }
        }
        List<SignerReport> reports = new ArrayList<>();
        int index = 0;
        for (SignerInformation signer : signers) {
            reports.add(check(signer, index++, store, converter, carried, authors));
        }
        return new SecurityLayer.Signed(level, opaque, reports, Optional.empty());
    }

    private SignerReport check(SignerInformation signer, int index, Store<X509CertificateHolder> store,
                               JcaX509CertificateConverter converter, List<X509Certificate> carried,
                               AuthorIdentity authors) {
        String id = SmimeDecryptor.describe(signer.getSID().getIssuer(), signer.getSID().getSerialNumber(),
            signer.getSID().getSubjectKeyIdentifier());
        @SuppressWarnings("unchecked")
        Collection<X509CertificateHolder> matches = store.getMatches(signer.getSID());
        if (matches.isEmpty()) {
            return new SignerReport(index, id, List.of(), Optional.of(SmimeVerdict.signerCertificateMissing()),
                authors.check(List.of()), new TrustVerdict.Untrusted("signer certificate not included"),
                Optional.empty(), carried);
        }
        X509CertificateHolder holder = matches.iterator().next();
        Optional<SmimeVerdict> verifyProblem = verify(signer, holder);
        List<String> emails = CertificateEmails.of(holder);
        TrustVerdict verdict;
        Optional<X509Certificate> certificate = Optional.empty();
        try {
            certificate = Optional.of(converter.getCertificate(holder));
            verdict = trust.apply(certificate.get(), carried);
        } catch (CertificateException e) {
            verdict = new TrustVerdict.Untrusted("signer certificate unreadable: " + e.getMessage());
        }
        return new SignerReport(index, id, emails, verifyProblem, authors.check(emails), verdict, certificate, carried);
    }

    /** Empty when the signature is valid over the content, else why not. */
    private Optional<SmimeVerdict> verify(SignerInformation signer, X509CertificateHolder holder) {
        String digest = signer.getDigestAlgOID();
        if (digest.equals(MD5) || digest.equals(SHA1) && !acceptInsecureSha1Signatures) {
            return Optional.of(SmimeVerdict.weakAlgorithm(digest.equals(MD5) ? "MD5" : "SHA-1"));
        }
        try {
            return signer.verify(new JcaSignerInfoVerifierBuilder(Digests.JDK_FIRST).setProvider(Providers.BC).build(holder))
                ? Optional.empty()
                : Optional.of(SmimeVerdict.contentAltered("signature value does not match the signed attributes"));
        } catch (CMSSignerDigestMismatchException e) {
            return Optional.of(SmimeVerdict.contentAltered(e.getMessage()));
        } catch (CMSVerifierCertificateNotValidException e) {
            return Optional.of(SmimeVerdict.notValidAtSigningTime(e.getMessage()));
        } catch (OperatorCreationException e) {
            return Optional.of(SmimeVerdict.unsupportedSignatureAlgorithm(e.getMessage()));
        } catch (Exception e) {
            // Bouncy Castle signals malformed signatures and keys with assorted exceptions; all mean "cannot be read".
            return Optional.of(SmimeVerdict.signatureUnreadable(
                e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
    }
}
