package org.smimegateway.smime;

import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.PrivateKey;
import java.util.Set;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.RecipientOperator;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipient;
import org.bouncycastle.operator.InputDecryptor;

/**
 * A key-transport recipient for AES-CBC content: Bouncy Castle unwraps the content key (with the native provider's RSA
 * when in use), the native provider's or the JDK's AES ({@link CryptoProviders}) decrypts the content through reused
 * buffers. Bouncy Castle's own cipher stream takes a fresh array from the cipher for every chunk, which for a 25 MB
 * message allocated the plaintext twice over.
 */
final class CbcKeyTransRecipient extends JceKeyTransRecipient {
    /** AES-128/192/256-CBC. */
    static final Set<String> ALGORITHMS = Set.of("2.16.840.1.101.3.4.1.2", "2.16.840.1.101.3.4.1.22", "2.16.840.1.101.3.4.1.42");

    CbcKeyTransRecipient(PrivateKey key) {
        super(key);
    }

    @Override
    public RecipientOperator getRecipientOperator(AlgorithmIdentifier keyEncryptionAlgorithm,
                                                  AlgorithmIdentifier contentEncryptionAlgorithm,
                                                  byte[] encryptedContentEncryptionKey) throws CMSException {
        Key key = extractSecretKey(keyEncryptionAlgorithm, contentEncryptionAlgorithm, encryptedContentEncryptionKey);
        Cipher cipher;
        try {
            byte[] iv = ASN1OctetString.getInstance(contentEncryptionAlgorithm.getParameters()).getOctets();
            SecretKey secret = key instanceof SecretKey k ? k : new SecretKeySpec(key.getEncoded(), "AES");
            cipher = CryptoProviders.cipher("AES/CBC/PKCS5Padding");
            cipher.init(Cipher.DECRYPT_MODE, secret, new IvParameterSpec(iv));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new CMSException("cannot start AES-CBC decryption: " + e.getMessage(), e);
        }
        return new RecipientOperator(new InputDecryptor() {
            @Override
            public AlgorithmIdentifier getAlgorithmIdentifier() {
                return contentEncryptionAlgorithm;
            }

            @Override
            public InputStream getInputStream(InputStream in) {
                return new Decrypting(in, cipher);
            }
        });
    }

    /** Ciphertext in, plaintext out; bad padding at the end is an IOException (damage, or the wrong key). */
    private static final class Decrypting extends ChunkedInputStream {
        private final InputStream in;
        private final Cipher cipher;
        private final byte[] input = new byte[16 * 1024];
        private byte[] output = new byte[16 * 1024 + 32];
        private boolean finished;

        Decrypting(InputStream in, Cipher cipher) {
            this.in = in;
            this.cipher = cipher;
        }

        @Override
        boolean produce() throws IOException {
            if (finished) {
                return false;
            }
            try {
                int n = in.read(input, 0, input.length);
                if (n < 0) {
                    finished = true;
                    ensure(cipher.getOutputSize(0));
                    serve(output, cipher.doFinal(output, 0));
                } else {
                    ensure(cipher.getOutputSize(n));
                    serve(output, cipher.update(input, 0, n, output, 0));
                }
                return true;
            } catch (GeneralSecurityException e) {
                throw new IOException("AES-CBC decryption failed: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() throws IOException {
            in.close();
        }

        private void ensure(int size) {
            if (output.length < size) {
                output = new byte[size];
            }
        }
    }
}
