package org.smimegateway.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@code openssl speed rsa2048}: the native RSA-2048 signing rate on this machine, beside the JDK's in the table
 * (OpenSSL's assembly is several times faster than the JDK's BigInteger RSA, which bounds every Java engine).
 */
final class OpenSslSpeed {
    private OpenSslSpeed() {
    }

    /** RSA-2048 signatures per second on one core, or empty when openssl is missing or its output unexpected. */
    static Optional<Double> rsa2048SignsPerSecond() {
        try {
            Process process = new ProcessBuilder("openssl", "speed", "-seconds", "3", "rsa2048")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
                return Optional.empty();
            }
            for (String line : output.split("\n")) {
                String[] words = line.trim().split("\\s+");
                // "rsa 2048 bits 0.000306s 0.000021s   3270.6  46885.9"
                if (words.length == 7 && words[0].equals("rsa") && words[1].equals("2048")) {
                    return Optional.of(Double.parseDouble(words[5]));
                }
            }
            return Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
