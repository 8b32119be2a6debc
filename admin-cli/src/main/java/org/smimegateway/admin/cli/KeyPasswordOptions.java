package org.smimegateway.admin.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The password of the PKCS#12 files in which the gateway keeps internal users' keys. */
final class KeyPasswordOptions {

    @Option(names = "--key-password-file", paramLabel = "FILE",
        description = "File whose first line is the password of kept user keys (the gateway's key password).")
    Path file;

    @Option(names = "--key-password-env", paramLabel = "VAR",
        description = "Environment variable holding the password of kept user keys.")
    String environment;

    @Option(names = "--key-password", paramLabel = "PASSWORD",
        description = "Password of kept user keys (visible in ps; tests only).")
    String literal;

    char[] password() {
        char[] password = Secrets.read("key password", file, environment, literal);
        if (password == null) {
            throw new IllegalArgumentException("keeping or reading a user key needs the store's key password: "
                + "--key-password-file, --key-password-env or --key-password");
        }
        return password;
    }
}
