package org.smimegateway.it.harness;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.apache.james.GuiceJamesServer;
import org.apache.james.MemoryJamesConfiguration;
import org.apache.james.MemoryJamesServerMain;
import org.apache.james.lifecycle.api.LifecycleUtil;
import org.apache.james.mailrepository.api.MailKey;
import org.apache.james.mailrepository.api.MailRepositoryUrl;
import org.apache.james.server.core.configuration.Configuration;
import org.apache.james.utils.DataProbeImpl;
import org.apache.james.utils.MailRepositoryProbeImpl;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;

/**
 * A real Apache James 3.8.1 (memory app) with the gateway's drop-in jar in {@code extensions-jars} and one
 * conf-samples folder as its configuration. Started by {@link #start()}, stopped by {@link #close()}.
 */
public final class JamesGateway implements AutoCloseable {
    /**
     * GuiceJamesServer reads this once, when its class loads, and by default calls {@code System.exit} on a failed
     * start: the test JVM would die with "forked VM terminated" and the cause only in a log. Set before any server
     * class is touched, James rethrows instead and {@link #start()} reports the cause.
     */
    static {
        System.setProperty("james.exit.on.startup.error", System.getProperty("james.exit.on.startup.error", "false"));
    }

    private final Path root;
    private final List<Path> samples;
    private final Path dropInJar;
    private final int requestedSmtpPort;
    private final int requestedImapPort;
    private final List<String> domains;
    private final Map<String, String> users;
    private final List<RootPreparation> preparations;
    private GuiceJamesServer server;
    private WorkingDirectory.Ports ports;

    private JamesGateway(Builder builder) {
        this.root = builder.root;
        this.samples = List.copyOf(builder.samples);
        this.dropInJar = builder.dropInJar;
        this.requestedSmtpPort = builder.smtpPort;
        this.requestedImapPort = builder.imapPort;
        this.domains = List.copyOf(builder.domains);
        this.users = Map.copyOf(builder.users);
        this.preparations = List.copyOf(builder.preparations);
    }

    /** Work on James's root folder after the configuration is laid out and before James starts. */
    @FunctionalInterface
    public interface RootPreparation {
        void prepare(Path root) throws Exception;
    }

    public static Builder builder() {
        return new Builder();
    }

    public JamesGateway start() throws Exception {
        refuseOurClassesOnTheClasspath();
        ports = WorkingDirectory.prepare(root, samples, dropInJar, requestedSmtpPort, requestedImapPort);
        // James's launchers set this; configuration paths relative to James's home (conf/...) resolve against it.
        System.setProperty("working.directory", root.toString());
        for (RootPreparation preparation : preparations) {
            preparation.prepare(root);
        }
        MemoryJamesConfiguration configuration = MemoryJamesConfiguration.builder()
            .workingDirectory(root.toFile())
            .configurationPath(new Configuration.ConfigurationPath("file://conf/"))
            .build();
        server = MemoryJamesServerMain.createServer(configuration);
        try {
            server.start();
        } catch (Exception e) {
            GuiceJamesServer failed = server;
            server = null;
            stopQuietly(failed);
            throw new IllegalStateException("James did not start with " + samples + " in " + root + ": "
                + causeChain(e), e);
        }
        DataProbeImpl data = server.getProbe(DataProbeImpl.class);
        // Test domains and users through James's own probe: domainlist.xml stays stock.
        for (String domain : domains) {
            data.addDomain(domain);
        }
        for (Map.Entry<String, String> user : users.entrySet()) {
            data.addUser(user.getKey(), user.getValue());
        }
        return this;
    }

    /**
     * James loads extension jars in a child of its own class loader, parent first: were our classes on the
     * classpath too, James would run those and the drop-in jar would go untested.
     */
    private static void refuseOurClassesOnTheClasspath() {
        try {
            Class.forName("org.smimegateway.mailets.StripSecurityInfoHeaders", false, JamesGateway.class.getClassLoader());
        } catch (ClassNotFoundException expected) {
            return;
        }
        throw new IllegalStateException("smime-gateway classes are on the classpath; the drop-in jar must reach James "
            + "only through extensions-jars");
    }

    private static void stopQuietly(GuiceJamesServer failed) {
        try {
            failed.stop();
        } catch (RuntimeException ignored) {
            // Half-started: whatever did start is released as far as James can; the start failure is what matters.
        }
    }

    /** Guice wraps the real reason several times; every message in the chain, outermost first. */
    static String causeChain(Throwable e) {
        StringBuilder text = new StringBuilder();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = e; t != null && seen.add(t); t = t.getCause()) {
            if (text.length() > 0) {
                text.append(" <- ");
            }
            text.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage());
        }
        return text.toString();
    }

    /** Stock port 25's server (plain SMTP, AUTH offered by the merge), moved to a free port. */
    public int smtpPort() {
        return ports.smtp();
    }

    /** WebAdmin (stock: localhost, no authentication), moved to a free port: {@code http://127.0.0.1:<port>}. */
    public int webAdminPort() {
        return ports.webAdmin();
    }

    /** Stock port 143's server (IMAP with STARTTLS, plain login refused until TLS), moved to a free port. */
    public int imapPort() {
        return ports.imap();
    }

    public Path root() {
        return root;
    }

    /** Every mail in a repository (e.g. {@link #OUTGOING}) with its raw bytes and attributes, in no particular order. */
    public List<RepositoryMail> repository(String url) throws Exception {
        MailRepositoryProbeImpl probe = server.getProbe(MailRepositoryProbeImpl.class);
        MailRepositoryUrl repositoryUrl = MailRepositoryUrl.from(url);
        List<RepositoryMail> result = new ArrayList<>();
        if (!probe.listRepositoryUrls().contains(repositoryUrl)) {
            return result;
        }
        for (MailKey key : probe.listMailKeys(repositoryUrl)) {
            result.add(read(probe, repositoryUrl, key));
        }
        return result;
    }

    /**
     * Like {@link #repository(String)}, and removes what it returns from the repository: for load runs, where keeping
     * every copy would end up measuring the heap.
     */
    public List<RepositoryMail> take(String url) throws Exception {
        MailRepositoryProbeImpl probe = server.getProbe(MailRepositoryProbeImpl.class);
        MailRepositoryUrl repositoryUrl = MailRepositoryUrl.from(url);
        List<RepositoryMail> result = new ArrayList<>();
        if (!probe.listRepositoryUrls().contains(repositoryUrl)) {
            return result;
        }
        var repository = probe.getMailRepositoryStore().select(repositoryUrl);
        for (MailKey key : probe.listMailKeys(repositoryUrl)) {
            result.add(read(probe, repositoryUrl, key));
            repository.remove(key);
        }
        return result;
    }

    private static RepositoryMail read(MailRepositoryProbeImpl probe, MailRepositoryUrl url, MailKey key) throws Exception {
        Mail mail = probe.getMail(url, key);
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            mail.getMessage().writeTo(bytes);
            Map<String, Object> attributes = new LinkedHashMap<>();
            mail.attributes().forEach(a -> attributes.put(a.getName().asString(), unwrap(a.getValue())));
            return new RepositoryMail(
                mail.getMaybeSender().asString(),
                mail.getRecipients().stream().map(Object::toString).toList(),
                bytes.toByteArray(),
                attributes);
        } finally {
            // The probe hands out a copy backed by James's stream source: release it, or James reports a leak.
            LifecycleUtil.dispose(mail);
        }
    }

    /** An attribute value as plain Java: collections of attribute values become lists of their values. */
    private static Object unwrap(AttributeValue<?> value) {
        if (value.value() instanceof Collection<?> values) {
            return values.stream().map(v -> v instanceof AttributeValue<?> inner ? unwrap(inner) : v).toList();
        }
        return value.value();
    }

    /** Mail that James would have relayed to other domains. */
    public List<RepositoryMail> outgoing() throws Exception {
        return repository(OUTGOING);
    }

    public static final String OUTGOING = WorkingDirectory.OUTGOING_REPOSITORY;

    @Override
    public void close() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    /** One mail as a repository holds it: envelope, message bytes and mail attributes (by name, unwrapped). */
    public record RepositoryMail(String sender, List<String> recipients, byte[] message, Map<String, Object> attributes) {
        /** The policy decision trace ({@code smimegateway.policy.trace}), oldest first; empty without one. */
        public List<String> trace() {
            return attributes.get("smimegateway.policy.trace") instanceof List<?> lines
                ? lines.stream().map(String::valueOf).toList()
                : List.of();
        }
    }

    public static final class Builder {
        private Path root;
        private final List<Path> samples = new ArrayList<>();
        private Path dropInJar;
        private int smtpPort;
        private int imapPort;
        private final List<String> domains = new ArrayList<>();
        private final Map<String, String> users = new LinkedHashMap<>();
        private final List<RootPreparation> preparations = new ArrayList<>();

        /** E.g. writes keys and certificates into {@code conf/smime-gateway/store} before James starts. */
        public Builder beforeStart(RootPreparation preparation) {
            preparations.add(preparation);
            return this;
        }

        public Builder root(Path root) {
            this.root = root;
            return this;
        }

        /**
         * A folder of conf-samples, e.g. {@code conf-samples/gateway}; several are laid over each other in order
         * (a variant holds only the files it changes).
         */
        public Builder sample(Path sample) {
            this.samples.add(sample);
            return this;
        }

        public Builder dropInJar(Path dropInJar) {
            this.dropInJar = dropInJar;
            return this;
        }

        /** 0 (the default) picks a free port. */
        public Builder ports(int smtpPort, int imapPort) {
            this.smtpPort = smtpPort;
            this.imapPort = imapPort;
            return this;
        }

        public Builder domain(String domain) {
            domains.add(domain);
            return this;
        }

        public Builder user(String address, String password) {
            users.put(address, password);
            return this;
        }

        public JamesGateway build() throws Exception {
            if (samples.isEmpty()) {
                throw new IllegalStateException("no conf-samples folder given");
            }
            Objects.requireNonNull(dropInJar, "dropInJar");
            if (!Files.isRegularFile(dropInJar)) {
                throw new IllegalStateException("The drop-in jar " + dropInJar + " does not exist: build the assembly module first");
            }
            if (root == null) {
                root = Files.createTempDirectory("james-gateway");
            }
            return new JamesGateway(this);
        }
    }
}
