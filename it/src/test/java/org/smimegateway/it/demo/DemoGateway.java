package org.smimegateway.it.demo;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import org.smimegateway.it.harness.JamesGateway;
import org.smimegateway.it.harness.ProjectPaths;
import org.smimegateway.it.tools.OpenSslPki;

/**
 * The demo gateway: a real James 3.8.1 with the drop-in jar and {@code conf-samples/gateway}, two demo users, and
 * its ports printed. Outgoing mail to other domains is kept in {@code memory://var/mail/outgoing/} instead of being
 * relayed, and saved as {@code .eml} files in {@code <root>/outgoing} so it can be looked at from outside.
 * Arguments: {@code [smtpPort] [imapPort]} (defaults 2525 and 1143; 0 picks free ports).
 */
public final class DemoGateway {
    static final String DOMAIN = "gateway.test";
    static final String PASSWORD = "demo";

    private DemoGateway() {
    }

    /** A demo CA issues the users' keys into the gateway's store, and a certificate for one outside correspondent. */
    private static void demoPki(Path root) throws Exception {
        Path dir = root.resolve("demo-pki");
        OpenSslPki pki = OpenSslPki.create(dir, "smime-gateway Demo CA");
        Path store = root.resolve("conf/smime-gateway/store");
        Files.copy(pki.caCertificate(), store.resolve("anchors/demo-ca.pem"));
        for (String user : new String[] {"alice", "bob"}) {
            OpenSslPki.Identity identity = pki.issue(user + "@" + DOMAIN);
            Files.copy(identity.pkcs12(), store.resolve("keys/" + user + ".p12"));
            Files.writeString(store.resolve("keys/" + user + ".p12.pass"), identity.p12Password());
        }
        OpenSslPki.Identity carol = pki.issue("carol@remote.test");
        Files.copy(carol.certificate(), store.resolve("certs/carol.pem"));
        Files.writeString(dir.resolve("carol_remote.test.p12.pass"), carol.p12Password());
    }

    /** A running demo: its James, its root folder and the thread that saves relayed mail as files. */
    public record Running(JamesGateway gateway, Path root, Path pki, Path outgoing, Thread saver) implements AutoCloseable {
        @Override
        public void close() {
            saver.interrupt();
            gateway.close();
        }
    }

    /** Starts the demo on the given ports (0 picks free ones); relayed mail is saved to {@code <root>/outgoing}. */
    public static Running start(int smtpPort, int imapPort, PrintStream log) throws Exception {
        Path root = Files.createTempDirectory("smime-gateway-demo");
        JamesGateway gateway = JamesGateway.builder()
            .root(root)
            .sample(ProjectPaths.sample("gateway"))
            .dropInJar(ProjectPaths.dropInJar())
            .ports(smtpPort, imapPort)
            .domain(DOMAIN)
            .user("alice@" + DOMAIN, PASSWORD)
            .user("bob@" + DOMAIN, PASSWORD)
            .beforeStart(DemoGateway::demoPki)
            .build()
            .start();
        Path outgoing = Files.createDirectories(root.resolve("outgoing"));
        Thread saver = new Thread(new OutgoingSaver(gateway, outgoing, log), "demo-outgoing-saver");
        saver.setDaemon(true);
        saver.start();
        return new Running(gateway, root, root.resolve("demo-pki"), outgoing, saver);
    }

    public static void main(String[] args) throws Exception {
        int smtpPort = args.length > 0 ? Integer.parseInt(args[0]) : 2525;
        int imapPort = args.length > 1 ? Integer.parseInt(args[1]) : 1143;
        Running demo = start(smtpPort, imapPort, System.out);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            demo.close();
            stopped.countDown();
        }, "demo-gateway-shutdown"));
        int smtp = demo.gateway().smtpPort();
        Path pki = demo.pki();
        System.out.printf("%nsmime-gateway demo is running (Apache James 3.8.1, sample conf-samples/gateway)%n"
                + "  SMTP  127.0.0.1:%d   (AUTH PLAIN/LOGIN, no TLS)%n"
                + "  IMAP  127.0.0.1:%d%n"
                + "  users alice@%s / %s, bob@%s / %s (their S/MIME keys are in the gateway's store)%n"
                + "  demo CA %s%n"
                + "  external correspondent carol@remote.test: certificate known to the gateway, her key for your%n"
                + "    mail client %s (password in %s)%n"
                + "  James root %s%n"
                + "  mail to other domains is not relayed: each one is saved as a file in %s (printed as it arrives)%n"
                + "Try it:%n"
                + "  %s%n"
                + "  openssl cms -decrypt -recip %s -inkey %s -in %s/<file>.eml%n"
                + "Press Ctrl-C to stop.%n",
            smtp, demo.gateway().imapPort(), DOMAIN, PASSWORD, DOMAIN, PASSWORD, pki.resolve("ca.pem"),
            pki.resolve("carol_remote.test.p12"), pki.resolve("carol_remote.test.p12.pass"), demo.root(),
            demo.outgoing(), swaksCommand(smtp, "carol@remote.test", "hello carol"),
            pki.resolve("carol_remote.test.pem"), pki.resolve("carol_remote.test.key"), demo.outgoing());
        stopped.await();
    }

    /** The line README and the start-up banner show, and DemoGatewayIT runs. */
    public static String swaksCommand(int smtpPort, String to, String subject) {
        return "swaks --server 127.0.0.1:" + smtpPort + " --auth-user alice@" + DOMAIN + " --auth-password " + PASSWORD
            + " --from alice@" + DOMAIN + " --to " + to + " --header 'Subject: " + subject + "'";
    }
}
