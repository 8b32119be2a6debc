package org.smimegateway.admin.sms;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Appends one tab-separated line per password (address, phone, password) to an owner-only file, for a letter run,
 * a help-desk hand-over or tests.
 */
public final class FilePasswordChannel implements PasswordChannel {

    private final Path file;

    public FilePasswordChannel(Path file) {
        this.file = file;
    }

    @Override
    public synchronized ChannelOutcome send(PasswordNotice notice) {
        String line = notice.address() + "\t" + notice.phone().orElse("") + "\t" + new String(notice.password())
            + System.lineSeparator();
        try {
            Path directory = file.toAbsolutePath().getParent();
            Files.createDirectories(directory);
            if (!Files.exists(file)) {
                Files.createFile(file);
                restrict();
            }
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            return new ChannelOutcome.Delivered("file " + file);
        } catch (IOException e) {
            return new ChannelOutcome.Failed("cannot append to " + file + ": " + e.getMessage());
        }
    }

    private void restrict() throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not POSIX: the directory's ACL applies.
        }
    }

    @Override
    public String describe() {
        return "file " + file;
    }
}
