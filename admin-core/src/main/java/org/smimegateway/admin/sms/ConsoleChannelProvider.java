package org.smimegateway.admin.sms;

import java.util.Set;

/** {@code console}: prints the password for the operator ({@link ConsolePasswordChannel}); no options. */
public final class ConsoleChannelProvider implements PasswordChannelProvider {

    @Override
    public String name() {
        return "console";
    }

    @Override
    public PasswordChannel open(ChannelSettings settings) {
        settings.rejectUnknown(Set.of(), Set.of());
        return new ConsolePasswordChannel(settings.console());
    }
}
