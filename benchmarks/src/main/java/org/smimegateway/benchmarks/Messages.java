package org.smimegateway.benchmarks;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;

/**
 * Benchmark input: a multipart/mixed mail with a short text body and a base64 attachment, padded to a total size.
 * Seeded, so every run and every peer sees the same bytes.
 */
public final class Messages {
    private Messages() {
    }

    /** Parses sizes such as {@code 10KB}, {@code 1MB}, {@code 25MB}. */
    public static int parseSize(String size) {
        String s = size.trim().toUpperCase(java.util.Locale.ROOT);
        if (s.endsWith("MB")) {
            return Integer.parseInt(s.substring(0, s.length() - 2)) * 1024 * 1024;
        }
        if (s.endsWith("KB")) {
            return Integer.parseInt(s.substring(0, s.length() - 2)) * 1024;
        }
        return Integer.parseInt(s);
    }

    public static byte[] mail(String from, String to, int totalSize) {
        String boundary = "----=_benchmark_boundary_0123456789";
        StringBuilder head = new StringBuilder()
            .append("From: ").append(from).append("\r\n")
            .append("To: ").append(to).append("\r\n")
            .append("Subject: benchmark ").append(totalSize).append(" bytes\r\n")
            .append("Message-ID: <benchmark-").append(totalSize).append("@gateway.test>\r\n")
            .append("Date: Sun, 22 Nov 2026 12:00:00 +0000\r\n")
            .append("MIME-Version: 1.0\r\n")
            .append("Content-Type: multipart/mixed; boundary=\"").append(boundary).append("\"\r\n\r\n")
            .append("--").append(boundary).append("\r\n")
            .append("Content-Type: text/plain; charset=us-ascii\r\n\r\n")
            .append("Hello,\r\n\r\nplease find the report attached.\r\n\r\n")
            .append("--").append(boundary).append("\r\n")
            .append("Content-Type: application/octet-stream; name=\"report.bin\"\r\n")
            .append("Content-Transfer-Encoding: base64\r\n")
            .append("Content-Disposition: attachment; filename=\"report.bin\"\r\n\r\n");
        String tail = "\r\n--" + boundary + "--\r\n";
        int base64Budget = Math.max(76, totalSize - head.length() - tail.length());
        // 76 base64 characters + CRLF per line carry 57 bytes.
        int lines = base64Budget / 78;
        byte[] attachment = new byte[lines * 57];
        new Random(totalSize).nextBytes(attachment);
        ByteArrayOutputStream out = new ByteArrayOutputStream(totalSize + 1024);
        out.writeBytes(head.toString().getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(Base64.getMimeEncoder(76, new byte[] {'\r', '\n'}).encode(attachment));
        out.writeBytes(tail.getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }
}
