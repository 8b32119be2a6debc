package org.smimegateway.keystore.contract;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real OpenLDAP {@code slapd} started for a test: a throw-away slapd.conf and mdb database in a temp directory,
 * the Debian core/cosine/inetorgperson schemas, listening on a free loopback port, run in the foreground so it
 * dies with the test. Public in the test-jar for other modules' tests that need a real directory.
 */
public final class SlapdServer implements LdapServer {
    public static final Path SLAPD = Path.of("/usr/sbin/slapd");
    public static final Path SCHEMAS = Path.of("/etc/ldap/schema");
    public static final Path MODULES = Path.of("/usr/lib/ldap");

    private final Path directory;
    private final int port;
    private final Process process;

    private SlapdServer(Path directory, int port, Process process) {
        this.directory = directory;
        this.port = port;
        this.process = process;
    }

    /** Whether slapd and the schemas it needs are installed here. */
    public static boolean installed() {
        return Files.isExecutable(SLAPD) && Files.isRegularFile(SCHEMAS.resolve("inetorgperson.schema"));
    }

    public static SlapdServer start(Path directory) throws IOException, InterruptedException, LDAPException {
        Path data = Files.createDirectories(directory.resolve("data"));
        Path config = directory.resolve("slapd.conf");
        StringBuilder text = new StringBuilder();
        for (String schema : List.of("core", "cosine", "inetorgperson")) {
            text.append("include ").append(SCHEMAS.resolve(schema + ".schema")).append('\n');
        }
        text.append("pidfile ").append(directory.resolve("slapd.pid")).append('\n')
            .append("argsfile ").append(directory.resolve("slapd.args")).append('\n');
        if (Files.isDirectory(MODULES)) {
            text.append("modulepath ").append(MODULES).append('\n').append("moduleload back_mdb\n");
        }
        text.append("database mdb\nmaxsize 16777216\n")
            .append("suffix \"").append(SUFFIX).append("\"\n")
            .append("rootdn \"").append(ADMIN_DN).append("\"\n")
            .append("rootpw ").append(ADMIN_PASSWORD).append('\n')
            .append("directory ").append(data).append('\n');
        Files.writeString(config, text, StandardCharsets.UTF_8);
        int port = freePort();
        Path log = directory.resolve("slapd.log");
        // -d keeps slapd in the foreground (no fork), so destroying the process stops the server.
        Process process = new ProcessBuilder(SLAPD.toString(), "-f", config.toString(),
            "-h", "ldap://127.0.0.1:" + port + "/", "-d", "0")
            .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        SlapdServer server = new SlapdServer(directory, port, process);
        server.awaitReady(log);
        try (LDAPConnection connection = server.connect()) {
            connection.add(new Entry(SUFFIX, List.of(new Attribute("objectClass", "top", "dcObject", "organization"),
                new Attribute("dc", "example"), new Attribute("o", "Example"))));
        }
        return server;
    }

    /**
     * Starts slapd again after {@link #stop()}, on the same port and with the same data, as a directory coming back
     * from an outage. Returns the running server (this one's process is gone).
     */
    public SlapdServer restart() throws IOException, InterruptedException {
        if (process.isAlive()) {
            throw new IllegalStateException("slapd is still running");
        }
        Path log = directory.resolve("slapd.log");
        Process again = new ProcessBuilder(SLAPD.toString(), "-f", directory.resolve("slapd.conf").toString(),
            "-h", "ldap://127.0.0.1:" + port + "/", "-d", "0")
            .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        SlapdServer server = new SlapdServer(directory, port, again);
        server.awaitReady(log);
        return server;
    }

    @Override
    public String address() {
        return "127.0.0.1:" + port;
    }

    @Override
    public void stop() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** An administrator connection (the rootdn), for seeding entries. */
    public LDAPConnection connect() throws LDAPException {
        return new LDAPConnection("127.0.0.1", port, ADMIN_DN, ADMIN_PASSWORD);
    }

    private void awaitReady(Path log) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("slapd exited with " + process.exitValue() + ":\n" + Files.readString(log));
            }
            try {
                connect().close();
                return;
            } catch (LDAPException e) {
                Thread.sleep(50);
            }
        }
        stop();
        throw new IOException("slapd did not answer within 15 s in " + directory + ":\n" + Files.readString(log));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
