package org.smimegateway.mailets;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.mail.Header;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.smimegateway.keystore.KeystoreProvider;
import org.smimegateway.keystore.testing.PkiFiles;
import org.smimegateway.keystore.testing.TestIdentity;
import org.smimegateway.keystore.testing.TestPki;
import org.smimegateway.smime.MimeEntities;

/**
 * A gateway for mailet tests: a file keystore in a temporary directory (our users' keys, recipients' certificates,
 * the test PKI's root as anchor) behind a real {@code keystore.xml}, a mailet context that records what is sent,
 * and messages and mails to feed the mailets.
 */
final class MailetFixture {
    static final TestPki PKI = TestPki.create("Mailets");
    static final String AUTHSERV_ID = "gateway.test";
    private static final char[] PASSWORD = "secret".toCharArray();
    private static final AtomicInteger NAMES = new AtomicInteger();

    final FakeMailContext context;
    private final Path store;
    private final Path configuration;

    MailetFixture(Path directory) throws Exception {
        store = directory.resolve("store");
        configuration = directory.resolve("keystore.xml");
        PkiFiles.writePem(store.resolve("anchors/root.pem"), PKI.rootCertificate());
        PkiFiles.writePem(store.resolve("intermediates/intermediate.pem"), PKI.intermediateCertificate());
        Files.writeString(configuration, """
            <keystore>
              <file name="local">
                <directory>%s</directory>
                <keyPassword>secret</keyPassword>
                <rescanInterval>0s</rescanInterval>
              </file>
            </keystore>
            """.formatted(store));
        context = FakeMailContext.builder().postmaster(new MailAddress("postmaster@" + AUTHSERV_ID)).build();
    }

    /** Our user's private key (PKCS#12), as the operator would put it into {@code keys/}. */
    MailetFixture key(TestIdentity identity) {
        PkiFiles.writePkcs12(store.resolve("keys/key-" + NAMES.incrementAndGet() + ".p12"), identity, PASSWORD);
        return this;
    }

    /** A domain-level key ({@code keys/@domain.p12}): it belongs to every address of the domain. */
    MailetFixture domainKey(String domain, TestIdentity identity) {
        PkiFiles.writePkcs12(store.resolve("keys/@" + domain + ".p12"), identity, PASSWORD);
        return this;
    }

    /** A recipient's certificate in {@code certs/}. */
    MailetFixture certificate(TestIdentity identity) {
        PkiFiles.writePem(store.resolve("certs/cert-" + NAMES.incrementAndGet() + ".pem"), identity.certificate());
        return this;
    }

    String keystoreLocation() {
        return configuration.toString();
    }

    /** The provider the mailets of this fixture share (loaded on first use, as by the first mailet's init). */
    KeystoreProvider provider() throws MessagingException {
        return GatewayKeystores.load("keystore", keystoreLocation(), "mailet-tests");
    }

    /** Initialises a mailet with the fixture's keystore and the given name/value pairs. */
    <T extends GenericMailet> T init(T mailet, String... parameters) throws Exception {
        mailet.init(config(mailet, parameters));
        return mailet;
    }

    /** The configuration {@link #init} would use, for tests of {@code init()} failures. */
    FakeMailetConfig config(GenericMailet mailet, String... parameters) {
        FakeMailetConfig.Builder config = FakeMailetConfig.builder()
            .mailetName(mailet.getClass().getSimpleName())
            .mailetContext(context)
            .setProperty("keystore", keystoreLocation());
        for (int i = 0; i < parameters.length; i += 2) {
            config.setProperty(parameters[i], parameters[i + 1]);
        }
        return config.build();
    }

    static MimeMessage message(String from, String to, String body) throws Exception {
        String raw = "From: " + from + "\r\nTo: " + to + "\r\nSubject: figures\r\nMessage-ID: <"
            + NAMES.incrementAndGet() + "@gateway.test>\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" + body;
        return MimeEntities.parse(raw.getBytes(StandardCharsets.UTF_8));
    }

    static FakeMail mail(MimeMessage message, String sender, String... recipients) throws Exception {
        return FakeMail.builder().name("mail-" + NAMES.incrementAndGet()).mimeMessage(message).sender(sender)
            .recipients(recipients).state("transport").build();
    }

    static String text(MimeMessage message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The body after the header block, as it would be delivered. */
    static String body(MimeMessage message) throws Exception {
        String whole = text(message);
        return whole.substring(whole.indexOf("\r\n\r\n") + 4);
    }

    /** Every header whose name starts with {@code prefix}, as "Name: value", in order. */
    static List<String> headers(MimeMessage message, String prefix) throws Exception {
        List<String> found = new ArrayList<>();
        for (Header header : Collections.list(message.getAllHeaders())) {
            if (header.getName().startsWith(prefix)) {
                found.add(header.getName() + ": " + header.getValue());
            }
        }
        return found;
    }

    static Object attribute(Mail mail, String name) {
        return mail.getAttribute(AttributeName.of(name)).map(Attribute::getValue).map(AttributeValue::value)
            .orElse(null);
    }

    static List<String> recipients(Mail mail) {
        return mail.getRecipients().stream().map(MailAddress::asString).toList();
    }

    static List<String> recipients(FakeMailContext.SentMail sent) {
        return sent.getRecipients().stream().map(MailAddress::asString).toList();
    }
}
