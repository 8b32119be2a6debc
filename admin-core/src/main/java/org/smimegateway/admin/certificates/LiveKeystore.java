package org.smimegateway.admin.certificates;

import java.util.Objects;
import org.smimegateway.audit.AuditLog;
import org.smimegateway.keystore.KeystoreProvider;

/**
 * The keystore the gateway decides with, and who is acting on it. Every change an operator makes goes through
 * {@link #changed}: one audit line, then a flush of the provider's caches, so the next mail sees the change.
 *
 * @param provider the live provider (in James: the one the mailets share); {@code null} for a command line working
 *                 on the files while no gateway runs in this process
 * @param actor    who acts, for the audit trail ({@code webadmin}, an OS user name)
 */
public record LiveKeystore(KeystoreProvider provider, String actor) {
    public LiveKeystore {
        Objects.requireNonNull(actor, "actor");
    }

    /** Starts an audit event for this actor. */
    public AuditLog.Event event(String what) {
        return AuditLog.event(what, actor);
    }

    /** Logs the event, then makes the provider forget its caches. */
    public void changed(AuditLog.Event event) {
        event.log();
        flush();
    }

    /** Flushes the provider's caches (a no-op without a live provider). */
    public void flush() {
        if (provider != null) {
            provider.flushCaches();
        }
    }
}
