package org.smimegateway.admin.sms;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A password channel registered only on the test class path (META-INF/services in test resources), standing for a
 * third-party plug-in: it records each notice in the inbox named by its {@code inbox} option.
 */
public final class RecordingChannelProvider implements PasswordChannelProvider {

    /** What one channel received, with the options it was opened with. */
    public record Inbox(Map<String, String> options, List<PasswordNotice> notices) {
    }

    private static final Map<String, Inbox> INBOXES = new ConcurrentHashMap<>();

    public static Inbox inbox(String name) {
        return INBOXES.get(name);
    }

    @Override
    public String name() {
        return "recording";
    }

    @Override
    public PasswordChannel open(ChannelSettings settings) {
        Inbox inbox = new Inbox(settings.options(), new CopyOnWriteArrayList<>());
        INBOXES.put(settings.required("inbox"), inbox);
        return new PasswordChannel() {
            @Override
            public ChannelOutcome send(PasswordNotice notice) {
                inbox.notices().add(notice);
                return new ChannelOutcome.Delivered("recording");
            }

            @Override
            public String describe() {
                return "recording";
            }
        };
    }
}
