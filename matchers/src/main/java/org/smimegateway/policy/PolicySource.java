package org.smimegateway.policy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One policy file, kept loaded and reloaded when its content changes, without restarting James. Callers ask for
 * {@link #current()} per message; at most once per check interval that call reads the file and compares its bytes
 * with the last ones seen. Comparing content rather than the modification time catches edits within the file
 * system's timestamp granularity, and the file is small. A broken edit keeps the last good policy and logs the
 * error (with line or element) once per broken content; a later good edit is picked up as usual.
 */
public final class PolicySource {
    private static final Logger LOGGER = LoggerFactory.getLogger(PolicySource.class);

    private final Path path;
    private final long intervalNanos;
    private final Clock clock;

    private volatile Policy policy;
    private volatile PolicyStatus status;
    private volatile long nextCheckNanos;
    private byte[] lastSeen;

    private PolicySource(Path path, Duration checkInterval, Clock clock, Policy policy, byte[] bytes) {
        this.path = path;
        this.intervalNanos = checkInterval.toNanos();
        this.clock = clock;
        this.policy = policy;
        this.lastSeen = bytes;
        this.status = new PolicyStatus.Current(clock.instant());
        this.nextCheckNanos = System.nanoTime() + intervalNanos;
    }

    /**
     * Loads the file for the first time; unlike a reload, a file that cannot be used here is an error, because
     * there is no good policy to keep.
     *
     * @param checkInterval how often {@link #current()} may look at the file; zero looks on every call
     */
    public static PolicySource open(Path path, Duration checkInterval) throws InvalidPolicyException {
        Objects.requireNonNull(path, "path");
        if (checkInterval.isNegative()) {
            throw new IllegalArgumentException("checkInterval must not be negative");
        }
        byte[] bytes = read(path);
        Policy policy = PolicyParser.parse(bytes, path.toString());
        LOGGER.info("Loaded policy file {}: {}", path, policy);
        return new PolicySource(path, checkInterval, Clock.systemUTC(), policy, bytes);
    }

    public Path path() {
        return path;
    }

    /** The policy to apply now: the file's current content, or the last good one if the file is broken. */
    public Policy current() {
        if (System.nanoTime() - nextCheckNanos >= 0) {
            checkIfDue();
        }
        return policy;
    }

    private synchronized void checkIfDue() {
        // Threads that queued behind the one that just looked need not read the file again.
        if (System.nanoTime() - nextCheckNanos >= 0) {
            checkNow();
        }
    }

    public PolicyStatus status() {
        return status;
    }

    /** Looks at the file now, regardless of the interval. */
    public synchronized void checkNow() {
        nextCheckNanos = System.nanoTime() + intervalNanos;
        byte[] bytes;
        try {
            bytes = read(path);
        } catch (InvalidPolicyException e) {
            keepLastGood(null, e.getMessage());
            return;
        }
        if (Arrays.equals(bytes, lastSeen)) {
            return;
        }
        lastSeen = bytes;
        try {
            Policy loaded = PolicyParser.parse(bytes, path.toString());
            policy = loaded;
            status = new PolicyStatus.Current(clock.instant());
            LOGGER.info("Reloaded policy file {}: {}", path, loaded);
        } catch (InvalidPolicyException e) {
            keepLastGood(bytes, e.getMessage());
        }
    }

    private void keepLastGood(byte[] brokenBytes, String error) {
        Instant loadedAt = status.loadedAt();
        boolean alreadyReported = status instanceof PolicyStatus.KeptLastGood kept && kept.error().equals(error);
        status = new PolicyStatus.KeptLastGood(loadedAt, error);
        if (brokenBytes == null) {
            lastSeen = null; // so that the file's return is noticed even with identical content
        }
        if (!alreadyReported) {
            LOGGER.error("Policy file not applied, keeping the policy loaded at {}: {}", loadedAt, error);
        }
    }

    private static byte[] read(Path path) throws InvalidPolicyException {
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new InvalidPolicyException(path + ": cannot be read (" + e + ")", e);
        }
    }

    @Override
    public String toString() {
        return "PolicySource[" + path + ", " + status + "]";
    }
}
