package org.smimegateway.it.harness;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts one {@link JamesGateway} for a test class and stops it afterwards. Register it as a static field:
 *
 * <pre>{@code
 * @RegisterExtension
 * static JamesGatewayExtension james = JamesGatewayExtension.sample("gateway")
 *     .domain("gateway.test").user("alice@gateway.test", "secret");
 * }</pre>
 */
public final class JamesGatewayExtension implements BeforeAllCallback, AfterAllCallback {
    private final String[] samples;
    private final JamesGateway.Builder builder = JamesGateway.builder();
    private JamesGateway gateway;
    private Path root;

    private JamesGatewayExtension(String... samples) {
        this.samples = samples;
    }

    /** One conf-samples folder, or a base and the variants laid over it, e.g. {@code "gateway", "gateway-ldap"}. */
    public static JamesGatewayExtension sample(String... names) {
        return new JamesGatewayExtension(names);
    }

    public JamesGatewayExtension domain(String domain) {
        builder.domain(domain);
        return this;
    }

    public JamesGatewayExtension beforeStart(JamesGateway.RootPreparation preparation) {
        builder.beforeStart(preparation);
        return this;
    }

    public JamesGatewayExtension user(String address, String password) {
        builder.user(address, password);
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        root = Files.createTempDirectory("james-" + String.join("-", samples));
        for (String sample : samples) {
            builder.sample(ProjectPaths.sample(sample));
        }
        gateway = builder
            .root(root)
            .dropInJar(ProjectPaths.dropInJar())
            .build()
            .start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        if (root != null) {
            try (var files = Files.walk(root)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    public JamesGateway gateway() {
        return gateway;
    }

    public MailClient client() {
        return MailClient.of(gateway);
    }
}
