package org.smimegateway.admin.sms;

import java.nio.file.Path;
import java.util.Set;

/** {@code file}: appends to an owner-only file ({@link FilePasswordChannel}); option {@code file} (required). */
public final class FileChannelProvider implements PasswordChannelProvider {

    @Override
    public String name() {
        return "file";
    }

    @Override
    public PasswordChannel open(ChannelSettings settings) {
        settings.rejectUnknown(Set.of("file"), Set.of());
        return new FilePasswordChannel(Path.of(settings.option("file").orElseThrow(() -> new IllegalArgumentException(
            "password channel file needs --channel-option file=FILE (or --password-out FILE)"))));
    }
}
