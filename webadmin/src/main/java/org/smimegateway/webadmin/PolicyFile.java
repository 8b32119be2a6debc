package org.smimegateway.webadmin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

import org.apache.james.webadmin.utils.ErrorResponder;
import org.smimegateway.admin.certificates.Fingerprints;
import org.smimegateway.admin.store.AtomicFiles;
import org.smimegateway.audit.AuditLog;

/**
 * Reading and replacing the policy file for the policy routes: one writer at a time, the previous file kept as
 * {@code <file>.<UTC time>.bak}, the new one written atomically and audited. Callers validate before they write.
 */
final class PolicyFile {
    private static final DateTimeFormatter BACKUP_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'")
        .withZone(ZoneOffset.UTC);
    /** Every policy route of this James writes under this lock, so a read-check-write is not interleaved. */
    static final Object LOCK = new Object();

    private PolicyFile() {
    }

    /** The file's bytes; 404 when it does not exist. */
    static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw ErrorResponder.builder().statusCode(404).type(ErrorResponder.ErrorType.NOT_FOUND)
                .message("the policy file " + file + " does not exist").haltError();
        } catch (IOException e) {
            throw Problems.serverError("cannot read the policy file " + file + ": " + e.getMessage());
        }
    }

    /**
     * Keeps a backup, writes {@code candidate} atomically and audits {@code event} with {@code fields}.
     *
     * @return the backup, null when there was no file before
     */
    static Path write(Path file, byte[] candidate, String event, Map<String, Object> fields) {
        synchronized (LOCK) {
            Path backup = file.resolveSibling(file.getFileName() + "." + BACKUP_STAMP.format(Instant.now()) + ".bak");
            try {
                if (Files.exists(file)) {
                    Files.copy(file, backup);
                } else {
                    backup = null;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot keep a backup of " + file + " as " + backup, e);
            }
            AtomicFiles.write(file, candidate);
            AuditLog.Event audit = AuditLog.event(event, KeystoreRoutes.ACTOR);
            fields.forEach(audit::with);
            audit.with("file", file).with("backup", backup).with("sha256", Fingerprints.sha256(candidate)).log();
            return backup;
        }
    }
}
