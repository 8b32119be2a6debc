package org.smimegateway.policy;

import java.util.Objects;

/**
 * One decision for the per-message trace: which matcher, about whom, the outcome and why (the rule and the level
 * it came from).
 *
 * @param decider the matcher's name and condition, e.g. {@code RecipientEncryptMode=mandatory}
 * @param subject the recipient or sender decided about, or {@code message}
 */
public record TraceEntry(String decider, String subject, boolean matched, String reason) {
    public TraceEntry {
        Objects.requireNonNull(decider, "decider");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(reason, "reason");
    }

    /** A single line, safe for a header: no line breaks. */
    public String render() {
        return (decider + " " + subject + ": " + (matched ? "matched" : "not matched") + ", " + reason)
            .replaceAll("[\\r\\n]+", " ");
    }
}
