package org.smimegateway.smime;

/**
 * How much MIME structure one message may bring: containers (multipart and message/rfc822) nested in one another,
 * body parts in all, and bytes. Work on a message is bounded by these before any MIME tree is built.
 *
 * @param maxDepth containers open at once (a multipart holding text is depth 1)
 * @param maxParts body parts counted over the whole message
 * @param maxBytes message size; {@code 0} for no limit
 */
public record MimeLimits(int maxDepth, int maxParts, long maxBytes) {
    /** Defaults well above real mail (which nests under 10 and has at most hundreds of parts). */
    public static final int DEFAULT_MAX_DEPTH = 32;
    public static final int DEFAULT_MAX_PARTS = 1000;
    /** The ceiling of a configurable depth: JavaMail walks and writes trees recursively, safe far beyond this. */
    public static final int DEPTH_CEILING = 256;
    /** What the engine itself accepts whatever the mailets were told: a backstop, not a policy. */
    public static final MimeLimits ENGINE = new MimeLimits(DEPTH_CEILING, 100_000, 0);

    public MimeLimits {
        if (maxDepth < 1 || maxDepth > DEPTH_CEILING) {
            throw new IllegalArgumentException("maxDepth must be 1 to " + DEPTH_CEILING + ", not " + maxDepth);
        }
        if (maxParts < 1) {
            throw new IllegalArgumentException("maxParts must be at least 1, not " + maxParts);
        }
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes must not be negative, not " + maxBytes);
        }
    }
}
