package org.smimegateway.policy;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A regular expression a sender puts in the subject to ask for encryption (and signing, when the sign mode is
 * {@code trigger}), e.g. {@code [encrypt]}. Found anywhere in the subject; case-insensitive unless asked otherwise.
 * {@link #remove(String)} takes the trigger out so the recipient never sees it.
 */
public final class SubjectTrigger {
    private final Pattern pattern;
    private final boolean removeFromSubject;

    private SubjectTrigger(Pattern pattern, boolean removeFromSubject) {
        this.pattern = pattern;
        this.removeFromSubject = removeFromSubject;
    }

    /**
     * @throws IllegalArgumentException when {@code regex} is empty or not a valid Java regular expression; the
     *                                   message quotes it and says what is wrong
     */
    public static SubjectTrigger of(String regex, boolean caseSensitive, boolean removeFromSubject) {
        Objects.requireNonNull(regex, "regex");
        if (regex.isBlank()) {
            throw new IllegalArgumentException("the subject trigger pattern must not be empty");
        }
        int flags = caseSensitive ? 0 : Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
        try {
            return new SubjectTrigger(Pattern.compile(regex, flags), removeFromSubject);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("'" + regex + "' is not a valid regular expression: "
                + e.getDescription(), e);
        }
    }

    /** Case-insensitive, removed from the subject. */
    public static SubjectTrigger of(String regex) {
        return of(regex, false, true);
    }

    public boolean matches(String subject) {
        return subject != null && pattern.matcher(subject).find();
    }

    /**
     * The subject without any occurrence of the trigger, leaving single spaces where the trigger stood between
     * words, e.g. {@code "Re: [encrypt] hello"} becomes {@code "Re: hello"}. A subject without the trigger comes
     * back unchanged; {@code null} stays {@code null}.
     */
    public String remove(String subject) {
        if (subject == null) {
            return null;
        }
        Matcher matcher = pattern.matcher(subject);
        StringBuilder result = new StringBuilder(subject.length());
        int last = 0;
        boolean found = false;
        while (matcher.find()) {
            if (matcher.end() == matcher.start()) {
                continue; // an empty match would remove nothing and must not swallow spaces
            }
            found = true;
            result.append(subject, last, matcher.start());
            last = matcher.end();
            // Drop the space after the trigger when one already precedes it (or it starts the subject).
            boolean spaceBefore = result.length() == 0 || Character.isWhitespace(result.charAt(result.length() - 1));
            while (spaceBefore && last < subject.length() && Character.isWhitespace(subject.charAt(last))) {
                last++;
            }
        }
        if (!found) {
            return subject;
        }
        result.append(subject, last, subject.length());
        return result.toString().strip();
    }

    /** Whether the operator wants the trigger taken out of the subject before the mail leaves. */
    public boolean removeFromSubject() {
        return removeFromSubject;
    }

    public String regex() {
        return pattern.pattern();
    }

    public boolean caseSensitive() {
        return (pattern.flags() & Pattern.CASE_INSENSITIVE) == 0;
    }

    /** The trigger, when present, applied to a subject. */
    public Optional<String> firstMatch(String subject) {
        if (subject == null) {
            return Optional.empty();
        }
        Matcher matcher = pattern.matcher(subject);
        return matcher.find() ? Optional.of(matcher.group()) : Optional.empty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SubjectTrigger other && regex().equals(other.regex())
            && pattern.flags() == other.pattern.flags() && removeFromSubject == other.removeFromSubject;
    }

    @Override
    public int hashCode() {
        return Objects.hash(regex(), pattern.flags(), removeFromSubject);
    }

    @Override
    public String toString() {
        return "/" + regex() + "/" + (caseSensitive() ? "" : "i") + (removeFromSubject ? " (removed)" : "");
    }
}
