package org.smimegateway.it.harness;

import java.nio.charset.StandardCharsets;

/** A raw message as text for assertions: Latin-1, so every byte maps to one character and 8-bit headers survive. */
public final class MailText {
    private MailText() {
    }

    /** The header section of a raw message, up to and including the CRLF of its last field (no blank line). */
    public static String headersOf(byte[] message) {
        return headersOf(new String(message, StandardCharsets.ISO_8859_1));
    }

    /** As {@link #headersOf(byte[])}, for a message already read as text. */
    public static String headersOf(String message) {
        int end = message.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new AssertionError("no blank line ends the header section: "
                + message.substring(0, Math.min(200, message.length())));
        }
        return message.substring(0, end + 2);
    }
}
