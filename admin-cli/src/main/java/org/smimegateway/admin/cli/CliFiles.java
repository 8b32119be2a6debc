package org.smimegateway.admin.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.smimegateway.admin.store.AtomicFiles;

/** Files the command line reads and writes, where {@code -} means standard input or output, as in every Unix tool. */
final class CliFiles {

    static final String STANDARD_STREAM = "-";

    private CliFiles() {
    }

    static boolean isStandardStream(Path path) {
        return path != null && path.toString().equals(STANDARD_STREAM);
    }

    static String describe(Path path) {
        return isStandardStream(path) ? "standard input/output" : path.toString();
    }

    static byte[] read(Path path) {
        try {
            return isStandardStream(path) ? System.in.readAllBytes() : Files.readAllBytes(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + describe(path), e);
        }
    }

    /**
     * Writes text (PEM) to a file, or to the command's own output for {@code -}; secret content (PKCS#12) goes
     * owner-only to a file or, as raw bytes, to the process's standard output.
     */
    static void write(Path path, byte[] content, boolean secret, boolean text, PrintWriter out) {
        if (!isStandardStream(path)) {
            if (secret) {
                AtomicFiles.writeSecret(path, content);
            } else {
                AtomicFiles.write(path, content);
            }
            return;
        }
        if (text) {
            out.print(new String(content, java.nio.charset.StandardCharsets.US_ASCII));
            out.flush();
            return;
        }
        try {
            OutputStream stdout = System.out;
            stdout.write(content);
            stdout.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to standard output", e);
        }
    }
}
