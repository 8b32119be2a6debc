package org.smimegateway.smime;

import java.io.IOException;
import java.util.stream.Stream;
import javax.mail.MessagingException;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes decryption with the CMS object itself as input (mutating DER finds more than mutating its base64): the
 * bytes go into an {@code application/pkcs7-mime} message, which the decryptor opens with carol's key (and
 * Thunderbird's Bob's from the corpus), and a decrypted message must be writable. Only the declared
 * {@link MessagingException} and {@link IOException} may escape. Fuzzing: mailets/README.md, "Fuzzing".
 */
class SmimeDecryptorFuzzTest {
    private static final SmimeDecryptor DECRYPTOR = FuzzFixture.decryptor();

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "10m")
    void decrypt(byte[] cms) throws Exception {
        DecryptOutcome outcome;
        try {
            outcome = DECRYPTOR.decrypt(FuzzFixture.opaque(cms, "enveloped-data"));
        } catch (MessagingException | IOException e) {
            return;
        }
        if (outcome instanceof DecryptOutcome.Decrypted decrypted) {
            MimeEntities.bytes(decrypted.message());
        }
    }

    static Stream<Arguments> seeds() throws Exception {
        return FuzzFixture.cmsSeeds();
    }
}
