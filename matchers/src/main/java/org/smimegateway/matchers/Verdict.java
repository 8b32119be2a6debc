package org.smimegateway.matchers;

/** One matcher decision about one address, with the reason that goes into the log and the trace. */
record Verdict(boolean matched, String reason) {
    static Verdict matched(String reason) {
        return new Verdict(true, reason);
    }

    static Verdict notMatched(String reason) {
        return new Verdict(false, reason);
    }
}
