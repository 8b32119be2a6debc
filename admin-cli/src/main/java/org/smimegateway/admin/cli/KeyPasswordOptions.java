package org.smimegateway.admin.cli;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The {@code <keyPassword>} of the gateway's keystore.xml, if it has one. With it, kept keys are encrypted under that
 * password and get no {@code .pass} file; without it, each kept key gets a generated password in its {@code .pass}
 * file, which is what a keystore.xml without {@code <keyPassword>} (the sample) needs.
 */
final class KeyPasswordOptions {

    @Option(names = "--key-password-file", paramLabel = "FILE",
        description = "File whose first line is the gateway's <keyPassword>; kept keys then get no .pass file.")
    Path file;

    @Option(names = "--key-password-env", paramLabel = "VAR",
        description = "Environment variable holding the gateway's <keyPassword>.")
    String environment;

    @Option(names = "--key-password", paramLabel = "PASSWORD",
        description = "The gateway's <keyPassword> (visible in ps; tests only).")
    String literal;

    /** The configured key password, or empty for per-key {@code .pass} files; null-safe for an absent group. */
    static Optional<char[]> of(KeyPasswordOptions options) {
        return options == null ? Optional.empty()
            : Optional.ofNullable(Secrets.read("key password", options.file, options.environment, options.literal));
    }
}
