package org.smimegateway.mailets;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Which {@code Authentication-Results} fields (RFC 8601) claim an S/MIME result ({@code smime=...}, RFC 7281) that
 * the user must not see: any host may write one, and next to our own verdict a foreign "pass" contradicts it. Only
 * hosts the operator names as trusted upstream keep theirs.
 */
final class ForeignSmimeResults {
    /** A result statement whose method is smime (with an optional version): "; smime=pass" or "; smime/1 = fail". */
    private static final Pattern SMIME_METHOD = Pattern.compile("(?i)^smime\\s*(/\\s*\\d+\\s*)?=");
    private static final Pattern COMMENT = Pattern.compile("\\([^()]*\\)");

    private final Set<String> trustedAuthservIds;

    ForeignSmimeResults(List<String> trustedAuthservIds) {
        this.trustedAuthservIds = trustedAuthservIds.stream().map(id -> id.toLowerCase(Locale.ROOT))
            .collect(Collectors.toUnmodifiableSet());
    }

    /** Whether the field claims an smime result and comes from a host that is not trusted upstream. */
    boolean isForeignClaim(String value) {
        return claimsSmime(value) && !trustedAuthservIds.contains(authservId(value));
    }

    static boolean claimsSmime(String value) {
        String text = unfolded(value);
        // Comments may nest; taking innermost ones out repeatedly leaves none (bounded by the text length).
        for (int i = 0; i < 8 && text.indexOf('(') >= 0; i++) {
            text = COMMENT.matcher(text).replaceAll(" ");
        }
        String[] statements = text.split(";");
        for (int i = 1; i < statements.length; i++) {
            if (SMIME_METHOD.matcher(statements[i].trim()).find()) {
                return true;
            }
        }
        return false;
    }

    /** The authserv-id: the first token before the first ';', lower case. */
    static String authservId(String value) {
        String text = unfolded(value);
        int end = text.indexOf(';');
        String id = COMMENT.matcher(end < 0 ? text : text.substring(0, end)).replaceAll(" ").trim();
        int space = id.indexOf(' ');
        return (space > 0 ? id.substring(0, space) : id).toLowerCase(Locale.ROOT);
    }

    private static String unfolded(String value) {
        return value.replaceAll("\\r?\\n", "").trim();
    }
}
