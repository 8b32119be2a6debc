package org.smimegateway.webadmin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.smimegateway.policy.Policy;
import org.smimegateway.policy.PolicySource;
import org.smimegateway.policy.PolicyStatus;
import org.smimegateway.policy.Resolved;
import org.smimegateway.policy.Setting;
import org.smimegateway.policy.Source;
import org.smimegateway.policy.SubjectTrigger;

/** The JSON shapes of the policy routes, built from the policy module without any James type. */
final class PolicyReport {
    private static final Pattern LINE = Pattern.compile("line (\\d+)");

    private PolicyReport() {
    }

    /**
     * @param status       {@code current}, {@code keptLastGood} (the file changed but is broken; the last good
     *                     policy stays in force) or {@code notLoaded} (the file never loaded)
     * @param loadedAt     when the policy in force was loaded; null when none is
     * @param fileModified the file's modification time now; null when it cannot be read
     * @param error        why the file on disk is not in force; null when it is
     */
    record Status(String file, String status, String loadedAt, String fileModified, String error) {
    }

    /** One setting: its value for the address, where it came from, and every level that sets it, strongest first. */
    record Effective(Object value, Level source, List<Level> chain) {
    }

    /** A level of the inheritance chain. */
    record Level(String level, String rule, Object value, String description) {
    }

    /** The outcome of validating a candidate policy file; {@code line} when the parser named one. */
    record Validation(boolean valid, String summary, String error, Integer line) {
    }

    static Status status(Path file, PolicySource source) {
        source.current(); // Looks at the file if the check interval has passed, so the answer is up to date.
        PolicyStatus status = source.status();
        String error = status instanceof PolicyStatus.KeptLastGood kept ? kept.error() : null;
        return new Status(file.toString(), error == null ? "current" : "keptLastGood",
            status.loadedAt().toString(), modified(file), error);
    }

    static Status notLoaded(Path file, String error) {
        return new Status(file.toString(), "notLoaded", null, modified(file), error);
    }

    static Map<String, Object> effective(Policy policy, String address, Predicate<String> isLocalDomain) {
        Map<String, Object> settings = new LinkedHashMap<>();
        for (Setting<?> setting : Setting.ALL) {
            List<Level> chain = new ArrayList<>(policy.levels(setting, address).stream().map(PolicyReport::level)
                .toList());
            if (setting == Setting.LOCALITY && chain.isEmpty()) {
                chain.add(level(policy.locality(address, isLocalDomain)));
            }
            settings.put(setting.key(), new Effective(chain.get(0).value(), chain.get(0), List.copyOf(chain)));
        }
        return settings;
    }

    static Validation valid(Policy policy) {
        return new Validation(true, policy.toString(), null, null);
    }

    static Validation invalid(String error) {
        Matcher line = LINE.matcher(error);
        return new Validation(false, null, error, line.find() ? Integer.valueOf(line.group(1)) : null);
    }

    private static Level level(Resolved<?> resolved) {
        Source source = resolved.source();
        return new Level(source.level().name().toLowerCase(Locale.ROOT), source.rule().isEmpty() ? null
            : source.rule(), display(resolved.value()), source.toString());
    }

    private static Object display(Object value) {
        if (value instanceof Enum<?> constant) {
            return constant.name().toLowerCase(Locale.ROOT);
        }
        if (value instanceof SubjectTrigger trigger) {
            Map<String, Object> shown = new LinkedHashMap<>();
            shown.put("regex", trigger.regex());
            shown.put("caseSensitive", trigger.caseSensitive());
            shown.put("removeFromSubject", trigger.removeFromSubject());
            return shown;
        }
        return value;
    }

    private static String modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toInstant().toString();
        } catch (IOException e) {
            return null;
        }
    }
}
