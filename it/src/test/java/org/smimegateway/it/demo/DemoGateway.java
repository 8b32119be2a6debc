package org.smimegateway.it.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import org.smimegateway.it.harness.JamesGateway;
import org.smimegateway.it.harness.ProjectPaths;

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
            .build()
            .start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            gateway.close();
            stopped.countDown();
        }, "demo-gateway-shutdown"));
        System.out.printf("%nsmime-gateway demo is running (Apache James 3.8.1, sample conf-samples/gateway)%n"
                + "  SMTP  127.0.0.1:%d   (AUTH PLAIN/LOGIN, no TLS)%n"
                + "  IMAP  127.0.0.1:%d%n"
                + "  users alice@%s / %s, bob@%s / %s%n"
                + "  James root %s (mail to other domains is kept in %s)%n"
                + "Press Ctrl-C to stop.%n",
            gateway.smtpPort(), gateway.imapPort(), DOMAIN, PASSWORD, DOMAIN, PASSWORD, root, JamesGateway.OUTGOING);
        stopped.await();
    }
}
