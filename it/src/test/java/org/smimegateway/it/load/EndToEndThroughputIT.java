package org.smimegateway.it.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.smimegateway.it.harness.JamesGateway;
import org.smimegateway.it.harness.ProjectPaths;
import org.smimegateway.it.tools.OpenSslCms;
import org.smimegateway.it.tools.OpenSslPki;
import org.smimegateway.keystore.testing.ExternalTool;

/**
 * The same James 3.8.1, once with its stock pipeline and once with the gateway's (conf-samples/gateway), under the
 * same SMTP load in one JVM: what left the gateway is signed and encrypted for the recipient (OpenSSL decrypts and
 * verifies it), what left stock James is the plain mail, and both rates go into one table.
 *
 * <p>By default a CI smoke (a few messages of 10 KB). {@code benchmarks/run-e2e.sh} sets {@code e2e.messages},
 * {@code e2e.warmup}, {@code e2e.sizes} and {@code e2e.connections} for a measurement; the table goes to standard
 * output and to {@code it/target/e2e-throughput.md}.
 */
class EndToEndThroughputIT {
    private static final String PASSWORD = "secret";
    private static final String ALICE = "alice@gateway.test";
    private static final String CAROL = "carol@remote.test";

    private static final int MESSAGES = Integer.getInteger("e2e.messages", 12);
    private static final int WARMUP = Integer.getInteger("e2e.warmup", 4);
    private static final int CONNECTIONS = Integer.getInteger("e2e.connections", 2);
    private static final List<String> SIZES = List.of(System.getProperty("e2e.sizes", "10KB").split(","));
    private static final long TIMEOUT_SECONDS = Long.getLong("e2e.timeoutSeconds", 600);

    private static Path work;
    private static OpenSslPki pki;
    private static OpenSslPki.Identity alice;
    private static OpenSslPki.Identity carol;

    @BeforeAll
    static void pki() throws Exception {
        work = Files.createTempDirectory("e2e-load");
        pki = OpenSslPki.create(Files.createDirectories(work.resolve("pki")), "Load Test CA");
        alice = pki.issue(ALICE);
        carol = pki.issue(CAROL);
    }

    @AfterAll
    static void cleanUp() throws Exception {
        try (var files = Files.walk(work)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void gatewayPipelineSignsAndEncryptsEveryMailUnderLoadWhereStockJamesRelaysItPlain() throws Exception {
        List<String> rows = new ArrayList<>();
        for (String size : SIZES) {
            int bytes = parseSize(size);
            SmtpLoad.Result stock;
            try (JamesGateway james = stockJames().start()) {
                SmtpLoad load = new SmtpLoad(james, ALICE, PASSWORD, CAROL);
                load.run(WARMUP, bytes, CONNECTIONS, TIMEOUT_SECONDS);
                stock = load.run(MESSAGES, bytes, CONNECTIONS, TIMEOUT_SECONDS);
            }
            SmtpLoad.Result gateway;
            try (JamesGateway james = gatewayJames().start()) {
                SmtpLoad load = new SmtpLoad(james, ALICE, PASSWORD, CAROL);
                load.run(WARMUP, bytes, CONNECTIONS, TIMEOUT_SECONDS);
                gateway = load.run(MESSAGES, bytes, CONNECTIONS, TIMEOUT_SECONDS);
            }

            assertThat(stock.arrivedHeaders()).hasSize(MESSAGES)
                .allSatisfy(h -> assertThat(h).doesNotContain("application/pkcs7-mime").contains("text/plain"));
            assertThat(gateway.arrivedHeaders()).hasSize(MESSAGES)
                .allSatisfy(h -> assertThat(h).contains("application/pkcs7-mime").contains("enveloped-data"));
            byte[] first = gateway.samples().get(0);
            OpenSslCms openssl = new OpenSslCms(Files.createDirectories(work.resolve("openssl-" + size)));
            ExternalTool.Result decrypted = openssl.decrypt(first, carol).assertSuccess();
            assertThat(decrypted.stdoutText()).contains("multipart/signed");
            ExternalTool.Result verified = openssl.verify(decrypted.stdout(), pki.caCertificate()).assertSuccess();
            assertThat(verified.stderr()).contains("Verification successful");
            assertThat(verified.stdoutText()).contains("The quarterly figures are in the attached table");

            rows.add(row(size, "stock James (no crypto)", stock, stock));
            rows.add(row(size, "gateway sign+encrypt", gateway, stock));
        }
        report(rows);
    }

    /** Stock conf/ everywhere but smtpserver.xml, which takes the gateway's merge so that both accept the same AUTH. */
    private static JamesGateway stockJames() throws Exception {
        Path sample = Files.createDirectories(work.resolve("stock-sample"));
        Files.copy(ProjectPaths.sample("gateway").resolve("smtpserver.xml"), sample.resolve("smtpserver.xml"),
            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return JamesGateway.builder()
            .root(Files.createTempDirectory(work, "stock"))
            .sample(sample)
            .dropInJar(ProjectPaths.dropInJar())
            .domain("gateway.test")
            .user(ALICE, PASSWORD)
            .build();
    }

    private static JamesGateway gatewayJames() throws Exception {
        return JamesGateway.builder()
            .root(Files.createTempDirectory(work, "gateway"))
            .sample(ProjectPaths.sample("gateway"))
            .dropInJar(ProjectPaths.dropInJar())
            .domain("gateway.test")
            .user(ALICE, PASSWORD)
            .beforeStart(root -> {
                Path store = root.resolve("conf/smime-gateway/store");
                Files.copy(pki.caCertificate(), store.resolve("anchors/ca.pem"));
                Files.copy(alice.pkcs12(), store.resolve("keys/alice.p12"));
                Files.writeString(store.resolve("keys/alice.p12.pass"), alice.p12Password());
                Files.copy(carol.certificate(), store.resolve("certs/carol.pem"));
            })
            .build();
    }

    static int parseSize(String size) {
        String s = size.trim().toUpperCase(Locale.ROOT);
        if (s.endsWith("MB")) {
            return Integer.parseInt(s.substring(0, s.length() - 2)) * 1024 * 1024;
        }
        if (s.endsWith("KB")) {
            return Integer.parseInt(s.substring(0, s.length() - 2)) * 1024;
        }
        throw new IllegalArgumentException("e2e.sizes: " + size + " is not <n>KB or <n>MB");
    }

    private static String row(String size, String pipeline, SmtpLoad.Result r, SmtpLoad.Result stock) {
        return String.format(Locale.ROOT, "| %s | %s | %d | %.1f | %.2f | %.0f | %.0f | %.1f |",
            size, pipeline, r.messages(), r.perSecond(), r.perSecond() / stock.perSecond(), r.p50Millis(), r.p99Millis(),
            r.cpuMillisPerMessage());
    }

    private static void report(List<String> rows) throws Exception {
        StringBuilder table = new StringBuilder()
            .append("End to end through James 3.8.1, ").append(LocalDate.now()).append(", ").append(CONNECTIONS)
            .append(" SMTP connections, ").append(WARMUP).append(" warm-up + ").append(MESSAGES).append(" measured messages, ")
            .append(Runtime.getRuntime().availableProcessors()).append(" CPUs\n\n")
            .append("| size | pipeline | messages | messages/s | × stock | p50 ms | p99 ms | CPU ms/message |\n")
            .append("|---|---|---:|---:|---:|---:|---:|---:|\n");
        rows.forEach(r -> table.append(r).append('\n'));
        System.out.println(table);
        Path target = ProjectPaths.projectRoot().resolve("it/target");
        Files.createDirectories(target);
        Files.writeString(target.resolve("e2e-throughput.md"), table);
    }
}
