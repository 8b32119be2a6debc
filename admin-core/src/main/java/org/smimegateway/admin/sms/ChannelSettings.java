package org.smimegateway.admin.sms;

import java.io.PrintWriter;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a {@link PasswordChannelProvider} is configured with: the {@code key=value} options given for the channel and
 * the operator's console.
 *
 * @param channel  the selected channel's name, for messages
 * @param options  the options, keys as given
 * @param console  where the command prints for the operator
 */
public record ChannelSettings(String channel, Map<String, String> options, PrintWriter console) {

    public ChannelSettings {
        Objects.requireNonNull(channel, "channel");
        options = Map.copyOf(options);
        Objects.requireNonNull(console, "console");
    }

    public Optional<String> option(String key) {
        return Optional.ofNullable(options.get(key));
    }

    public String required(String key) {
        return option(key).orElseThrow(() -> new IllegalArgumentException("password channel " + channel
            + " needs the option " + key));
    }

    /**
     * Rejects options this channel does not know: exact {@code keys}, or keys starting with one of
     * {@code prefixes} (e.g. {@code header.}).
     */
    public void rejectUnknown(Set<String> keys, Set<String> prefixes) {
        Set<String> unknown = new TreeSet<>();
        for (String key : options.keySet()) {
            if (!keys.contains(key) && prefixes.stream().noneMatch(key::startsWith)) {
                unknown.add(key);
            }
        }
        if (!unknown.isEmpty()) {
            Set<String> accepted = new TreeSet<>(keys);
            prefixes.forEach(prefix -> accepted.add(prefix + "…"));
            throw new IllegalArgumentException("password channel " + channel + " has no option " + unknown
                + "; accepted: " + (accepted.isEmpty() ? "none" : accepted));
        }
    }
}
