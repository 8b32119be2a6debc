package org.smimegateway.keystore.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command-line tool and keeps everything it said, so a failing assertion shows the tool's own words.
 * A missing tool skips the test with a message, except under {@code CI=true}, where it fails.
 */
public final class ExternalTool {
    private final String executable;

    private ExternalTool(String executable) {
        this.executable = executable;
    }

    /** The tool, or a skipped test (a failed one under CI=true) when it is not installed. */
    public static ExternalTool require(String executable, String debianPackage) {
        boolean present = locate(executable);
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new AssertionError(executable + " is not installed but CI=true: install Debian package "
                + debianPackage + " (.ci/run does)");
        }
        assumeTrue(present, executable + " is not installed (Debian package " + debianPackage + "): skipping");
        return new ExternalTool(executable);
    }

    private static boolean locate(String executable) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Paths.get(dir, executable))) {
                return true;
            }
        }
        return Files.isExecutable(Paths.get("/usr/sbin", executable));
    }

    public Result run(String... arguments) {
        return run(null, null, arguments);
    }

    public Result run(Path workingDirectory, byte[] stdin, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(executable);
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command);
        if (workingDirectory != null) {
            builder.directory(workingDirectory.toFile());
        }
        try {
            Process process = builder.start();
            CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
            try (OutputStream in = process.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin);
                }
            }
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish in 120 s");
            }
            return new Result(command, process.exitValue(), out.join(), new String(err.join(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            in.transferTo(bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a finished tool left behind. */
    public record Result(List<String> command, int exitCode, byte[] stdout, String stderr) {
        public String stdoutText() {
            return new String(stdout, StandardCharsets.UTF_8);
        }

        public boolean succeeded() {
            return exitCode == 0;
        }

        /** This result, or an AssertionError quoting the command, exit code and both streams. */
        public Result assertSuccess() {
            if (!succeeded()) {
                throw new AssertionError(describe());
            }
            return this;
        }

        public String describe() {
            String out = stdoutText();
            return String.join(" ", command) + " exited " + exitCode + "\n--- stderr ---\n" + stderr
                + "\n--- stdout ---\n" + (out.length() > 4000 ? out.substring(0, 4000) + "..." : out);
        }
    }
}
