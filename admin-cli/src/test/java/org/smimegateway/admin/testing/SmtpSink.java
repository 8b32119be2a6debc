package org.smimegateway.admin.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A minimal SMTP server on loopback that accepts everything and keeps the messages, for tests. */
public final class SmtpSink implements AutoCloseable {

    /** One received message: envelope and raw content (CRLF line ends, dot-unstuffed). */
    public record Received(String mailFrom, List<String> recipients, String content) {
    }

    private final ServerSocket server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Thread thread;

    public SmtpSink() throws IOException {
        server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        thread = new Thread(this::serve, "smtp-sink");
        thread.setDaemon(true);
        thread.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                session(socket);
            } catch (IOException e) {
                // Closed, or a client hung up: wait for the next one.
            }
        }
    }

    private void session(Socket socket) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
        OutputStream out = socket.getOutputStream();
        reply(out, "220 sink ESMTP");
        String from = null;
        List<String> recipients = new ArrayList<>();
        String line;
        while ((line = in.readLine()) != null) {
            String upper = line.toUpperCase(java.util.Locale.ROOT);
            if (upper.startsWith("EHLO") || upper.startsWith("HELO")) {
                reply(out, "250 sink");
            } else if (upper.startsWith("MAIL FROM:")) {
                from = line.substring(10).trim();
                recipients.clear();
                reply(out, "250 OK");
            } else if (upper.startsWith("RCPT TO:")) {
                recipients.add(line.substring(8).trim());
                reply(out, "250 OK");
            } else if (upper.equals("DATA")) {
                reply(out, "354 go ahead");
                StringBuilder content = new StringBuilder();
                String data;
                while ((data = in.readLine()) != null && !data.equals(".")) {
                    content.append(data.startsWith(".") ? data.substring(1) : data).append("\r\n");
                }
                received.add(new Received(from, List.copyOf(recipients), content.toString()));
                reply(out, "250 queued");
            } else if (upper.equals("QUIT")) {
                reply(out, "221 bye");
                return;
            } else {
                reply(out, "250 OK");
            }
        }
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
