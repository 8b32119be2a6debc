package org.smimegateway.smime;

import java.util.Optional;

/**
 * What {@link MimeStructureScanner} saw of a message: the deepest nesting, the parts counted and the bytes read,
 * and the first limit exceeded (the scan stops there, so the counts are then lower bounds).
 */
public record MimeShape(int depth, int parts, long bytes, Optional<String> exceeded) {
    public boolean withinLimits() {
        return exceeded.isEmpty();
    }
}
