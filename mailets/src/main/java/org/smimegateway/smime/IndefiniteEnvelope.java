package org.smimegateway.smime;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import javax.mail.MessagingException;

import org.bouncycastle.cms.CMSAuthEnvelopedDataStreamGenerator;
import org.bouncycastle.cms.CMSEnvelopedDataStreamGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.RecipientInfoGenerator;
import org.bouncycastle.operator.OutputAEADEncryptor;
import org.bouncycastle.operator.OutputEncryptor;

/**
 * Writes EnvelopedData or AuthEnvelopedData with Bouncy Castle's stream generators: BER with indefinite lengths, one
 * pass over the plaintext ({@link CmsLengths#INDEFINITE}). {@link DefiniteEnvelope} is the default.
 */
final class IndefiniteEnvelope {
    /** Ciphertext octet-string chunk: large enough that the BER framing costs nothing, small enough to stream. */
    private static final int CHUNK = 16 * 1024;

    private IndefiniteEnvelope() {
    }

    /** Writes the ContentInfo to {@code out} (left open), encrypting what {@code plaintext} writes. */
    static void write(OutputStream out, OutputEncryptor encryptor, List<RecipientInfoGenerator> recipients,
        MimeEntities.EntityWriter plaintext) throws IOException, MessagingException, CMSException {
        OutputStream encrypting;
        if (encryptor instanceof OutputAEADEncryptor aead) {
            CMSAuthEnvelopedDataStreamGenerator generator = new CMSAuthEnvelopedDataStreamGenerator();
            recipients.forEach(generator::addRecipientInfoGenerator);
            generator.setBufferSize(CHUNK);
            encrypting = generator.open(out, aead);
        } else {
            CMSEnvelopedDataStreamGenerator generator = new CMSEnvelopedDataStreamGenerator();
            recipients.forEach(generator::addRecipientInfoGenerator);
            generator.setBufferSize(CHUNK);
            encrypting = generator.open(out, encryptor);
        }
        try (encrypting) {
            plaintext.write(encrypting);
        }
    }
}
