package org.smimegateway.smime;

import java.io.FilterInputStream;
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
 * A key-transport recipient for AES-CBC content: Bouncy Castle unwraps the content key, the JDK's AES decrypts the
 * content through reused buffers. Bouncy Castle's own cipher stream takes a fresh array from the cipher for every
 * chunk, which for a 25 MB message allocated the plaintext twice over.
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
            cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
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
    private static final class Decrypting extends FilterInputStream {
        private final Cipher cipher;
        private final byte[] input = new byte[16 * 1024];
        private byte[] output = new byte[16 * 1024 + 32];
        private int start;
        private int end;
        private boolean finished;

        Decrypting(InputStream in, Cipher cipher) {
            super(in);
            this.cipher = cipher;
        }

        @Override
        public int read() throws IOException {
            if (start == end && !fill()) {
                return -1;
            }
            return output[start++] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (start == end && !fill()) {
                return -1;
            }
            int n = Math.min(len, end - start);
            System.arraycopy(output, start, b, off, n);
            start += n;
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = 0;
            while (skipped < n && (start < end || fill())) {
                int step = (int) Math.min(n - skipped, end - start);
                start += step;
                skipped += step;
            }
            return skipped;
        }

        @Override
        public int available() {
            return end - start;
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        private boolean fill() throws IOException {
            start = 0;
            end = 0;
            try {
                while (end == 0 && !finished) {
                    int n = in.read(input, 0, input.length);
                    if (n < 0) {
                        finished = true;
                        ensure(cipher.getOutputSize(0));
                        end = cipher.doFinal(output, 0);
                    } else {
                        ensure(cipher.getOutputSize(n));
                        end = cipher.update(input, 0, n, output, 0);
                    }
                }
            } catch (GeneralSecurityException e) {
                throw new IOException("AES-CBC decryption failed: " + e.getMessage(), e);
            }
            return end > 0;
        }

        private void ensure(int size) {
            if (output.length < size) {
                output = new byte[size];
            }
        }
    }
}
