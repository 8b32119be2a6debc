package org.smimegateway.webadmin.health;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.function.Function;

import org.apache.james.core.healthcheck.Result;
import org.smimegateway.keystore.testing.PkiFiles;
import org.smimegateway.keystore.testing.TestPki;
import org.smimegateway.webadmin.AdminSettings;

import reactor.core.publisher.Mono;

/** A gateway layout in a temporary folder (store, keystore.xml, policy) and the settings that name it. */
final class HealthFixture {
    static final TestPki PKI = TestPki.create("Health");
    static final char[] PASSWORD = "secret".toCharArray();

    final Path root;
    final Path store;
    final Path keystore;
    final Path policy;
    private final Map<String, String> extra = new java.util.HashMap<>();

    HealthFixture(Path root) throws IOException {
        this.root = root;
        this.store = root.resolve("store");
        this.keystore = root.resolve("keystore.xml");
        this.policy = root.resolve("smime-policy.xml");
        PkiFiles.writePem(store.resolve("anchors/root.pem"), PKI.rootCertificate());
        PkiFiles.writePem(store.resolve("intermediates/intermediate.pem"), PKI.intermediateCertificate());
        fileKeystore();
    }

    HealthFixture fileKeystore() throws IOException {
        Files.writeString(keystore, """
            <keystore>
              <file name="local">
                <directory>%s</directory>
                <keyPassword>secret</keyPassword>
                <rescanInterval>0s</rescanInterval>
              </file>
            </keystore>
            """.formatted(store));
        return this;
    }

    /** The file store and, after it, a directory server nobody listens on. */
    HealthFixture withDeadLdap(boolean alsoFile) throws IOException {
        return withLdap(closedPort(), alsoFile);
    }

    /** Optionally the file store and, after it, the directory server on {@code port} (base dc=example,dc=com). */
    HealthFixture withLdap(int port, boolean alsoFile) throws IOException {
        String file = alsoFile ? """
              <file name="local">
                <directory>%s</directory>
                <keyPassword>secret</keyPassword>
                <rescanInterval>0s</rescanInterval>
              </file>
            """.formatted(store) : "";
        Files.writeString(keystore, """
            <keystore>
            %s
              <ldap name="corporate">
                <server>127.0.0.1:%d</server>
                <baseDn>dc=example,dc=com</baseDn>
                <caFilter>(objectClass=pkiCA)</caFilter>
                <connectTimeout>1s</connectTimeout>
                <responseTimeout>1s</responseTimeout>
                <anchors>%s</anchors>
              </ldap>
            </keystore>
            """.formatted(file, port, store.resolve("anchors/root.pem")));
        return this;
    }

    HealthFixture set(String key, String value) {
        extra.put(key, value);
        return this;
    }

    AdminSettings settings() {
        Map<String, String> values = new java.util.HashMap<>(extra);
        values.put("keystore", keystore.toString());
        values.put("policy", policy.toString());
        values.put("store", store.toString());
        return AdminSettings.of(values);
    }

    /** Runs a check built from the settings, as James would (subscribing to its publisher). */
    Result run(Function<HealthFixture, GatewayHealthCheck> check) {
        return Mono.from(check.apply(this).check()).block();
    }

    static Clock clock() {
        return Clock.systemUTC();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
