package org.smimegateway.admin.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a secret from a file (first line), an environment variable or the command line, in that order of
 * preference; the file {@code -} is standard input. A literal on the command line ends up in shell history and
 * {@code ps}, so it is for tests and demos.
 */
final class Secrets {

    private Secrets() {
    }

    static char[] read(String what, Path file, String environmentVariable, String literal) {
        if (file != null) {
            try {
                String content = CliFiles.isStandardStream(file)
                    ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
                    : Files.readString(file, StandardCharsets.UTF_8);
                String firstLine = content.lines().findFirst().orElse("");
                if (firstLine.isEmpty()) {
                    throw new IllegalArgumentException(what + " file " + file + " is empty");
                }
                return firstLine.toCharArray();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the " + what + " file " + file, e);
            }
        }
        if (environmentVariable != null) {
            String value = System.getenv(environmentVariable);
            if (value == null || value.isEmpty()) {
                throw new IllegalArgumentException("environment variable " + environmentVariable + " (" + what
                    + ") is not set");
            }
            return value.toCharArray();
        }
        if (literal != null) {
            return literal.toCharArray();
        }
        return null;
    }
}
