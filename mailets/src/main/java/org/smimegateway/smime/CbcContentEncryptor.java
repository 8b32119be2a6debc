package org.smimegateway.smime;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.operator.GenericKey;
import org.bouncycastle.operator.OutputEncryptor;

/**
 * AES-CBC content encryption for the CMS stream generator: the key, IV and algorithm identifier are Bouncy Castle's
 * (fresh per message), the bulk work is the native provider's or the JDK's AES ({@link CryptoProviders}) through one
 * reused output buffer. Bouncy Castle's own cipher stream asks the cipher for a new array on every write, which for a
 * 25 MB message allocated the ciphertext twice.
 */
final class CbcContentEncryptor implements OutputEncryptor {
    private final OutputEncryptor parameters;

    CbcContentEncryptor(OutputEncryptor parameters) {
        this.parameters = parameters;
    }

    @Override
    public AlgorithmIdentifier getAlgorithmIdentifier() {
        return parameters.getAlgorithmIdentifier();
    }

    @Override
    public GenericKey getKey() {
        return parameters.getKey();
    }

    @Override
    public OutputStream getOutputStream(OutputStream out) {
        try {
            Cipher cipher = CryptoProviders.cipher("AES/CBC/PKCS5Padding");
            byte[] iv = ASN1OctetString.getInstance(getAlgorithmIdentifier().getParameters()).getOctets();
            Object key = getKey().getRepresentation();
            SecretKey secret = key instanceof SecretKey k ? k : new SecretKeySpec((byte[]) key, "AES");
            cipher.init(Cipher.ENCRYPT_MODE, secret, new IvParameterSpec(iv));
            return new CipherStream(out, cipher);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-CBC is not available: " + e.getMessage(), e);
        }
    }

    private static final class CipherStream extends FilterOutputStream {
        private final Cipher cipher;
        private final byte[] single = new byte[1];
        private byte[] buffer = new byte[16 * 1024 + 32];

        CipherStream(OutputStream out, Cipher cipher) {
            super(out);
            this.cipher = cipher;
        }

        @Override
        public void write(int b) throws IOException {
            single[0] = (byte) b;
            write(single, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                int n = cipher.update(b, off, len, room(len), 0);
                out.write(buffer, 0, n);
            } catch (GeneralSecurityException e) {
                throw new IOException("encryption failed: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() throws IOException {
            try {
                int n = cipher.doFinal(room(0), 0);
                out.write(buffer, 0, n);
            } catch (GeneralSecurityException e) {
                throw new IOException("encryption failed: " + e.getMessage(), e);
            }
            out.close();
        }

        private byte[] room(int inputLength) {
            int needed = cipher.getOutputSize(inputLength);
            if (needed > buffer.length) {
                buffer = new byte[needed];
            }
            return buffer;
        }
    }
}
