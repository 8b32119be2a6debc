package org.smimegateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smimegateway.it.harness.MailClient;
import org.smimegateway.it.harness.ProjectPaths;
import org.smimegateway.it.harness.WorkingDirectory;
import org.smimegateway.keystore.testing.ExternalTool;

/** The distribution folder: stock James as published plus the merge, and it starts with one command, no Maven. */
class DistributionIT {
    private static Path distribution() {
        return Paths.get(System.getProperty("smimegateway.distribution",
            ProjectPaths.projectRoot().resolve("distribution/target/smime-gateway-james-0.1.0-SNAPSHOT").toString()));
    }

    @Test
    void shipsExactlyTheRuntimeJarsJamesManifestNamesAndTheDropInJar() throws Exception {
        Path home = distribution();
        List<String> classPath;
        try (JarFile jar = new JarFile(home.resolve("james-server-memory-app.jar").toFile())) {
            classPath = Arrays.stream(jar.getManifest().getMainAttributes().getValue("Class-Path").split(" "))
                .filter(s -> !s.isBlank()).sorted().toList();
        }
        try (Stream<Path> libs = Files.list(home.resolve("james-server-memory-app.lib"))) {
            assertThat(libs.map(p -> "james-server-memory-app.lib/" + p.getFileName()).sorted().toList())
                .isEqualTo(classPath);
        }
        assertThat(Files.readAllBytes(home.resolve("extensions-jars").resolve(ProjectPaths.dropInJar().getFileName())))
            .isEqualTo(Files.readAllBytes(ProjectPaths.dropInJar()));
        assertThat(home.resolve("admin/smime-gateway-admin.jar")).isRegularFile();
        assertThat(home.resolve("bin/james")).isExecutable();
        assertThat(home.resolve("bin/smime-gateway-admin")).isExecutable();
        assertThat(home.resolve("conf/mailetcontainer.xml")).hasSameTextualContentAs(ProjectPaths.sample("gateway/mailetcontainer.xml"));
        assertThat(home.resolve("conf/jmap.properties")).hasSameTextualContentAs(ProjectPaths.stockConf().resolve("jmap.properties"));
    }

    @Test
    void startsWithOneCommandAndDeliversToALocalUser(@TempDir Path work) throws Exception {
        Path home = work.resolve("james");
        ExternalTool bash = ExternalTool.require("bash", "bash");
        bash.run(work, null, "-c", "cp -a '" + distribution() + "' '" + home + "'").assertSuccess();
        WorkingDirectory.Ports ports = WorkingDirectory.testOnlySettings(home.resolve("conf"), 0, 0);
        Properties webadmin = new Properties();
        try (var in = Files.newInputStream(home.resolve("conf/webadmin.properties"))) {
            webadmin.load(in);
        }
        bash.run(home, null, "bin/james", "start").assertSuccess();
        try {
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + webadmin.getProperty("port");
            Awaitility.await().atMost(Duration.ofSeconds(90)).ignoreExceptions()
                .until(() -> put(http, base + "/domains/gateway.test", "") == 204);
            assertThat(put(http, base + "/users/bob@gateway.test", "{\"password\":\"secret\"}")).isEqualTo(204);

            MailClient client = new MailClient(ports.smtp(), ports.imap());
            client.deliver("carol@remote.test", List.of("bob@gateway.test"),
                ("From: carol@remote.test\r\nTo: bob@gateway.test\r\nSubject: distribution works\r\n\r\nhello\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] received = Awaitility.await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> client.inbox("bob@gateway.test", "secret"), inbox -> !inbox.isEmpty()).get(0);
            assertThat(new String(received, StandardCharsets.ISO_8859_1)).contains("Subject: distribution works")
                .contains("smime=none");
            assertThat(Files.readString(home.resolve("var/log/james.out")))
                .contains("org.smimegateway.mailets.SmimeVerify instantiated")
                .doesNotContain("README.md rejected");
        } finally {
            bash.run(home, null, "bin/james", "stop").assertSuccess();
        }
    }

    private static int put(HttpClient http, String url, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).PUT(HttpRequest.BodyPublishers.ofString(body)).build(),
            HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
