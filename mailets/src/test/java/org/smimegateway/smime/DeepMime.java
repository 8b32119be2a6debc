package org.smimegateway.smime;

/** Messages nested as deep as an attacker likes, for the tests of bounded work. */
public final class DeepMime {
    private DeepMime() {
    }

    /**
     * A message of {@code depth} multiparts, one inside the other, around one 8-bit text leaf (UTF-8 "été"): what
     * sent signing into unbounded recursion.
     */
    public static String message(String from, String to, int depth) {
        StringBuilder text = new StringBuilder("From: ").append(from).append("\r\nTo: ").append(to)
            .append("\r\nSubject: deep\r\nMessage-ID: <deep-").append(depth).append("@test>\r\nMIME-Version: 1.0\r\n");
        text.append(entity(depth));
        return text.toString();
    }

    /** The content entity of {@link #message}: Content-Type header, blank line, body. */
    public static String entity(int depth) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            text.append("Content-Type: multipart/mixed; boundary=\"b").append(i).append("\"\r\n\r\n--b").append(i)
                .append("\r\n");
        }
        text.append("Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n\u00e9t\u00e9\r\n");
        for (int i = depth - 1; i >= 0; i--) {
            text.append("--b").append(i).append("--\r\n");
        }
        return text.toString();
    }
}
