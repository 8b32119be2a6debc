package org.smimegateway.keystore.file;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

/**
 * Where a file store lives and how it is read.
 *
 * @param directory          the store's root directory (layout in the module README)
 * @param defaultKeyPassword password for PKCS#12 files without a {@code .pass} file; may be null
 * @param rescanInterval     how often the directory is checked for changes; zero disables periodic rescans
 */
public record FileStoreSettings(Path directory, char[] defaultKeyPassword, Duration rescanInterval) {
    public FileStoreSettings {
        Objects.requireNonNull(directory, "directory");
        defaultKeyPassword = defaultKeyPassword == null ? null : defaultKeyPassword.clone();
        Objects.requireNonNull(rescanInterval, "rescanInterval");
        if (rescanInterval.isNegative()) {
            throw new IllegalArgumentException("rescanInterval must not be negative");
        }
    }

    @Override
    public char[] defaultKeyPassword() {
        return defaultKeyPassword == null ? null : defaultKeyPassword.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FileStoreSettings other && directory.equals(other.directory)
            && Arrays.equals(defaultKeyPassword, other.defaultKeyPassword)
            && rescanInterval.equals(other.rescanInterval);
    }

    @Override
    public int hashCode() {
        return Objects.hash(directory, rescanInterval);
    }

    @Override
    public String toString() {
        // Never print the password.
        return "FileStoreSettings[directory=" + directory + ", defaultKeyPassword="
            + (defaultKeyPassword == null ? "none" : "***") + ", rescanInterval=" + rescanInterval + "]";
    }
}
