package org.smimegateway.admin.sms;

import java.io.PrintWriter;

/** Prints the password for the operator to pass on by phone or letter; for closed networks without SMS. */
public final class ConsolePasswordChannel implements PasswordChannel {

    private final PrintWriter out;

    public ConsolePasswordChannel(PrintWriter out) {
        this.out = out;
    }

    @Override
    public ChannelOutcome send(PasswordNotice notice) {
        out.println(notice.text() + notice.phone().map(p -> " (phone " + p + ")").orElse(""));
        out.flush();
        return new ChannelOutcome.Delivered("console");
    }

    @Override
    public String describe() {
        return "console";
    }
}
