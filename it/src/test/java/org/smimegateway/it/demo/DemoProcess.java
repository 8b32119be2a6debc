package org.smimegateway.it.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.smimegateway.it.harness.ProjectPaths;

/**
 * README's first command, {@code ./demo-gateway.sh}, run as its own process the way a person runs it: its output is
 * collected line by line, and what its banner prints (ports, paths, the swaks line) is read from there.
 */
public final class DemoProcess implements AutoCloseable {
    static final String READY = "Press Ctrl-C to stop.";

    private final Process process;
    private final List<String> output = new ArrayList<>();
    private final Thread reader;
    private Banner banner;

    private DemoProcess(Process process) {
        this.process = process;
        this.reader = new Thread(this::collect, "demo-gateway-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code ./demo-gateway.sh} with these arguments from the project's root folder. */
    public static DemoProcess start(String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of("bash", "./demo-gateway.sh"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).directory(ProjectPaths.projectRoot().toFile())
            .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        process.getOutputStream().close();
        return new DemoProcess(process);
    }

    private void collect() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                synchronized (output) {
                    output.add(line);
                    output.notifyAll();
                }
            }
        } catch (IOException e) {
            // The process is gone and its output with it: what was read stays in output.
        }
    }

    /** Everything the script printed so far. */
    public List<String> output() {
        synchronized (output) {
            return List.copyOf(output);
        }
    }

    /** Waits for the first printed line that matches, failing with the whole output if none comes in time. */
    public Matcher awaitLine(Pattern pattern, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int seen = 0;
        synchronized (output) {
            while (true) {
                for (; seen < output.size(); seen++) {
                    Matcher matcher = pattern.matcher(output.get(seen));
                    if (matcher.find()) {
                        return matcher;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || (!process.isAlive() && seen == output.size())) {
                    throw new AssertionError("./demo-gateway.sh printed no line matching " + pattern + " within "
                        + timeout + (process.isAlive() ? "" : " (it exited)") + "; it printed:\n"
                        + String.join("\n", output));
                }
                output.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
        }
    }

    /** The banner, once the demo says it is ready. */
    public Banner awaitBanner(Duration timeout) throws InterruptedException {
        awaitLine(Pattern.compile(Pattern.quote(READY)), timeout);
        String text = String.join("\n", output());
        banner = new Banner(
            Integer.parseInt(find(text, "SMTP  127\\.0\\.0\\.1:(\\d+)")),
            Integer.parseInt(find(text, "IMAP  127\\.0\\.0\\.1:(\\d+)")),
            Path.of(find(text, "James root (\\S+)")),
            Path.of(find(text, "demo CA (\\S+)")),
            Path.of(find(text, "bob's certificate (\\S+)")),
            Path.of(find(text, "(\\S+/carol_remote\\.test\\.p12) ")),
            Path.of(find(text, "password in (\\S+);")),
            Path.of(find(text, "as PEM: (\\S+),")),
            Path.of(find(text, "as PEM: \\S+, (\\S+)")),
            Path.of(find(text, "saved as a file in (\\S+)")),
            find(text, "(?m)^  (swaks .*)$"),
            Integer.parseInt(find(text, "is running after (\\d+) s")),
            Integer.parseInt(find(text, "WebAdmin http://127\\.0\\.0\\.1:(\\d+)")),
            Path.of(find(text, "the CA route mails: (\\S+)\\)")));
        return banner;
    }

    private static String find(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        if (!matcher.find()) {
            throw new AssertionError("the demo's banner has no " + regex + ":\n" + text);
        }
        return matcher.group(1);
    }

    /**
     * Stops the demo as Ctrl-C would (TERM; the script's trap stops James) and waits for it to finish. Through its
     * handle, not {@link Process#destroy()}, which also closes the pipes and so would hide what the script prints then.
     */
    public int stop(Duration timeout) throws InterruptedException {
        process.toHandle().destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("./demo-gateway.sh did not stop within " + timeout + "; it printed:\n"
                + String.join("\n", output()));
        }
        // The script has ended, but its last lines may still be in the pipe: read them before anyone looks.
        reader.join(TimeUnit.SECONDS.toMillis(10));
        return process.exitValue();
    }

    public Optional<Banner> banner() {
        return Optional.ofNullable(banner);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop(Duration.ofSeconds(120));
        }
    }

    /** What the banner printed. */
    public record Banner(int smtpPort, int imapPort, Path root, Path caCertificate, Path bobCertificate,
                         Path carolPkcs12, Path carolPkcs12Password, Path carolCertificate, Path carolKey,
                         Path outgoing, String swaksLine, int startSeconds, int webAdminPort,
                         Path pkcs12Passwords) {
        /** The demo's James console log (the distribution's logback.xml: stock plus our logger at INFO). */
        public Path log() {
            return root.resolve("var/log/james.out");
        }

        public Path store() {
            return root.resolve("conf/smime-gateway/store");
        }
    }
}
