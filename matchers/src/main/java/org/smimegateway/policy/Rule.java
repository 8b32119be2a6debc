package org.smimegateway.policy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The settings one level of the policy file sets explicitly; settings it leaves out are inherited. */
public final class Rule {
    static final Rule EMPTY = new Rule(Map.of());

    private final Map<Setting<?>, Object> values;

    private Rule(Map<Setting<?>, Object> values) {
        this.values = Map.copyOf(values);
    }

    public <T> Optional<T> get(Setting<T> setting) {
        return Optional.ofNullable(values.get(setting)).map(setting::cast);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String toString() {
        return values.toString();
    }

    /** Collects the settings of one level. */
    public static final class Builder {
        private final Map<Setting<?>, Object> values = new LinkedHashMap<>();

        public <T> Builder set(Setting<T> setting, T value) {
            values.put(setting, setting.cast(value));
            return this;
        }

        public Rule build() {
            return new Rule(values);
        }
    }
}
