package org.smimegateway.policy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link PolicySource} per policy file for the whole James process. James creates every matcher and mailet
 * separately; sharing the source means a file named by ten matchers is parsed once, reloaded once, and all of them
 * switch to a new policy together.
 */
public final class PolicyRegistry {
    /** System property: milliseconds between looks at a policy file (default {@value #DEFAULT_INTERVAL_MILLIS}). */
    public static final String CHECK_INTERVAL_PROPERTY = "smimegateway.policy.checkIntervalMillis";
    static final long DEFAULT_INTERVAL_MILLIS = 1000;

    private static final Map<Path, PolicySource> SOURCES = new ConcurrentHashMap<>();

    private PolicyRegistry() {
    }

    /**
     * The shared source for a location as written in {@code mailetcontainer.xml} (see {@link PolicyLocation}).
     * A file that cannot be loaded the first time is not remembered, so a corrected file works on the next try.
     *
     * @throws InvalidPolicyException   when the file is missing or broken on first use
     * @throws IllegalArgumentException when the location is not a file path
     */
    public static PolicySource shared(String location) throws InvalidPolicyException {
        Path path = PolicyLocation.resolve(location);
        PolicySource existing = SOURCES.get(path);
        if (existing != null) {
            return existing;
        }
        synchronized (SOURCES) {
            existing = SOURCES.get(path);
            if (existing != null) {
                return existing;
            }
            PolicySource source = PolicySource.open(path, checkInterval());
            SOURCES.put(path, source);
            return source;
        }
    }

    private static Duration checkInterval() {
        String value = System.getProperty(CHECK_INTERVAL_PROPERTY);
        if (value == null || value.isBlank()) {
            return Duration.ofMillis(DEFAULT_INTERVAL_MILLIS);
        }
        try {
            long millis = Long.parseLong(value.trim());
            if (millis < 0) {
                throw new NumberFormatException("negative");
            }
            return Duration.ofMillis(millis);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("System property " + CHECK_INTERVAL_PROPERTY + "='" + value
                + "' is not a number of milliseconds >= 0", e);
        }
    }
}
