package org.smimegateway.it.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import javax.mail.BodyPart;
import javax.mail.Multipart;
import javax.mail.Part;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;

/** What the CA's delivery of a PKCS#12 leaves behind: the file in its mail, the password in the file channel. */
public final class Pkcs12Mail {
    private Pkcs12Mail() {
    }

    /** The password the file channel ({@code <ca dir>/passwords.tsv}: address, phone, password) wrote last. */
    public static String passwordOf(Path caDirectory, String address) throws Exception {
        return Files.readAllLines(caDirectory.resolve("passwords.tsv")).stream()
            .filter(line -> line.startsWith(address + "\t"))
            .map(line -> line.split("\t")[2]).reduce((a, b) -> b).orElseThrow();
    }

    /** The content of the first part whose file name ends in {@code suffix}; fails the test when there is none. */
    public static byte[] attachment(byte[] message, String suffix) throws Exception {
        MimeMessage parsed = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(message));
        byte[] found = find(parsed, suffix);
        assertThat(found).as("a part named *" + suffix).isNotNull();
        return found;
    }

    private static byte[] find(Part part, String suffix) throws Exception {
        if (part.getFileName() != null && part.getFileName().endsWith(suffix)) {
            return part.getInputStream().readAllBytes();
        }
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                byte[] found = find(child, suffix);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
