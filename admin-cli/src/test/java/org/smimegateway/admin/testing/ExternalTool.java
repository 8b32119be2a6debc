package org.smimegateway.admin.testing;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs openssl, pk12util and friends, capturing exit code, stdout and stderr so a failing assertion shows them.
 * A missing tool skips the test with a message, except under {@code CI=true}, where it fails.
 */
public final class ExternalTool {

    /** What a tool run produced. */
    public record Result(List<String> command, int exitCode, String stdout, String stderr) {
        public Result requireSuccess() {
            if (exitCode != 0) {
                fail("command failed:%n%s", this);
            }
            return this;
        }

        @Override
        public String toString() {
            return String.join(" ", command) + "\nexit code " + exitCode + "\n--- stdout\n" + stdout
                + "\n--- stderr\n" + stderr;
        }
    }

    private ExternalTool() {
    }

    public static void require(String tool) {
        boolean present = System.getenv("PATH") != null && java.util.Arrays.stream(
                System.getenv("PATH").split(java.io.File.pathSeparator))
            .anyMatch(directory -> Path.of(directory, tool).toFile().canExecute());
        if (!present && "true".equals(System.getenv("CI"))) {
            fail("%s is not installed, and CI=true requires it (install openssl / libnss3-tools)", tool);
        }
        assumeTrue(present, tool + " is not installed: skipping (install openssl / libnss3-tools to run this test)");
    }

    public static Result run(String... command) {
        require(command[0]);
        try {
            Process process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(
                new java.io.File("/dev/null"))).start();
            CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
            CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("%s did not finish in 60 s", String.join(" ", command));
            }
            return new Result(List.of(command), process.exitValue(), stdout.join(), stderr.join());
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + command[0], e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String read(java.io.InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "<unreadable: " + e.getMessage() + ">";
        }
    }
}
