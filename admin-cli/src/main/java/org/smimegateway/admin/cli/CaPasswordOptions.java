package org.smimegateway.admin.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The password that encrypts the CA keys. */
final class CaPasswordOptions {

    @Option(names = "--ca-password-file", paramLabel = "FILE", description = "File whose first line is the CA key password.")
    Path file;

    @Option(names = "--ca-password-env", paramLabel = "VAR", description = "Environment variable holding the CA key password.")
    String environment;

    @Option(names = "--ca-password", paramLabel = "PASSWORD", description = "CA key password (visible in ps; tests only).")
    String literal;

    char[] password() {
        char[] password = Secrets.read("CA password", file, environment, literal);
        if (password == null) {
            throw new IllegalArgumentException(
                "the CA key password is needed: --ca-password-file, --ca-password-env or --ca-password");
        }
        return password;
    }
}
