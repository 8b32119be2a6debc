package org.smimegateway.admin.sms;

import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;

/** The registered {@link PasswordChannelProvider}s, looked up by name. */
public final class PasswordChannels {

    private PasswordChannels() {
    }

    /** Names of every provider on the class path, sorted. */
    public static List<String> names() {
        return providers().stream().map(PasswordChannels::key).sorted().toList();
    }

    /** Opens the channel {@code name} (any case) with {@code settings}. */
    public static PasswordChannel open(String name, ChannelSettings settings) {
        String wanted = name.toLowerCase(Locale.ROOT);
        List<PasswordChannelProvider> matching = providers().stream().filter(p -> key(p).equals(wanted)).toList();
        if (matching.isEmpty()) {
            throw new IllegalArgumentException("no password channel " + name + "; registered: " + names());
        }
        if (matching.size() > 1) {
            throw new IllegalArgumentException("password channel " + name + " is registered " + matching.size()
                + " times: " + matching.stream().map(p -> p.getClass().getName()).toList());
        }
        return matching.get(0).open(settings);
    }

    private static List<PasswordChannelProvider> providers() {
        // The loader of this jar, not the thread's: inside James a WebAdmin thread's context loader does not see the
        // drop-in jar, and a provider of one's own is put beside it (CLI class path, James extensions-jars).
        return ServiceLoader.load(PasswordChannelProvider.class, PasswordChannelProvider.class.getClassLoader())
            .stream().map(ServiceLoader.Provider::get).toList();
    }

    private static String key(PasswordChannelProvider provider) {
        return provider.name().toLowerCase(Locale.ROOT);
    }
}
