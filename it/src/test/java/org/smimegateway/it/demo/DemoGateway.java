package org.smimegateway.it.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import org.smimegateway.it.harness.JamesGateway;
import org.smimegateway.it.harness.ProjectPaths;
import org.smimegateway.it.tools.OpenSslPki;

/**
 * The demo gateway: a real James 3.8.1 with the drop-in jar and {@code conf-samples/gateway}, two demo users, and
 * its ports printed. Outgoing mail to other domains is kept in {@code memory://var/mail/outgoing/} instead of being
 * relayed. Arguments: {@code [smtpPort] [imapPort]} (defaults 2525 and 1143; 0 picks free ports).
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

    public static void main(String[] args) throws Exception {
        int smtpPort = args.length > 0 ? Integer.parseInt(args[0]) : 2525;
        int imapPort = args.length > 1 ? Integer.parseInt(args[1]) : 1143;
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
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            gateway.close();
            stopped.countDown();
        }, "demo-gateway-shutdown"));
        Path pki = root.resolve("demo-pki");
        System.out.printf("%nsmime-gateway demo is running (Apache James 3.8.1, sample conf-samples/gateway)%n"
                + "  SMTP  127.0.0.1:%d   (AUTH PLAIN/LOGIN, no TLS)%n"
                + "  IMAP  127.0.0.1:%d%n"
                + "  users alice@%s / %s, bob@%s / %s (their S/MIME keys are in the gateway's store)%n"
                + "  demo CA %s%n"
                + "  external correspondent carol@remote.test: certificate known to the gateway, her key for your%n"
                + "    mail client %s (password in %s)%n"
                + "  James root %s (mail to other domains is kept in %s)%n"
                + "Press Ctrl-C to stop.%n",
            gateway.smtpPort(), gateway.imapPort(), DOMAIN, PASSWORD, DOMAIN, PASSWORD, pki.resolve("ca.pem"),
            pki.resolve("carol_remote.test.p12"), pki.resolve("carol_remote.test.p12.pass"), root, JamesGateway.OUTGOING);
        stopped.await();
    }
}
