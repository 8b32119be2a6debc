package org.smimegateway.it.demo;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;

import org.smimegateway.it.harness.JamesGateway;
import org.smimegateway.it.harness.JamesGateway.RepositoryMail;

/**
 * Copies every mail that lands in the demo's outgoing repository to a numbered {@code .eml} file, once, and prints
 * one line per file: the repository lives in James's memory, the files are what a person can open.
 */
final class OutgoingSaver implements Runnable {
    private final JamesGateway gateway;
    private final Path folder;
    private final PrintStream log;
    private final Set<String> saved = new HashSet<>();

    OutgoingSaver(JamesGateway gateway, Path folder, PrintStream log) {
        this.gateway = gateway;
        this.folder = folder;
        this.log = log;
    }

    @Override
    public void run() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                for (RepositoryMail mail : gateway.outgoing()) {
                    save(mail);
                }
                Thread.sleep(500);
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                log.println("demo: cannot read the outgoing repository: " + e);
                return;
            }
        }
    }

    private void save(RepositoryMail mail) throws Exception {
        String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(mail.message()));
        if (!saved.add(digest + mail.recipients())) {
            return;
        }
        String to = String.join(",", mail.recipients());
        Path file = folder.resolve(String.format(Locale.ROOT, "%03d-%s.eml", saved.size(), to.replaceAll("[^A-Za-z0-9@.,_-]", "_")));
        Files.write(file, mail.message());
        log.println("relayed (not sent): " + file + "  to " + to + ", " + contentType(mail.message()));
    }

    private static String contentType(byte[] message) {
        String text = new String(message, 0, Math.min(message.length, 16384), StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        String headers = (end < 0 ? text : text.substring(0, end)).replaceAll("\r\n[ \t]+", " ");
        for (String line : headers.split("\r\n")) {
            if (line.regionMatches(true, 0, "Content-Type:", 0, 13)) {
                return line.trim();
            }
        }
        return "Content-Type: text/plain (default)";
    }
}
