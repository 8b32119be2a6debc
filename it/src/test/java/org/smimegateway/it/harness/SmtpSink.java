package org.smimegateway.it.harness;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A mail server that accepts every message over real SMTP on a loopback port and keeps it, standing for the mail
 * server James relays to (an internal server behind the gateway, or the internet). It speaks the plain SMTP a
 * RemoteDelivery client needs (HELO/EHLO without extensions, MAIL, RCPT, DATA with dot-unstuffing, RSET, NOOP, QUIT)
 * and nothing else; it is not a James, so what arrives here is exactly what James sent on the wire.
 */
public final class SmtpSink implements AutoCloseable {
    private static final int MAX_LINE = 64 * 1024;

    private final String name;
    private final ServerSocket socket;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    private SmtpSink(String name, ServerSocket socket) {
        this.name = name;
        this.socket = socket;
        this.acceptor = new Thread(this::acceptLoop, "smtp-sink-" + name);
        this.acceptor.setDaemon(true);
    }

    /** Listens on 127.0.0.1 on a free port. */
    public static SmtpSink start(String name) throws IOException {
        SmtpSink sink = new SmtpSink(name, new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
        sink.acceptor.start();
        return sink;
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** Every message accepted so far, in order of arrival. */
    public List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public String toString() {
        return name + " (127.0.0.1:" + port() + ")";
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** One accepted message: the envelope as given in MAIL and RCPT, and the message bytes after dot-unstuffing. */
    public record Received(String sender, List<String> recipients, byte[] message) {
        public String text() {
            return new String(message, StandardCharsets.ISO_8859_1);
        }
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                Thread session = new Thread(() -> serve(client), "smtp-sink-" + name + "-session");
                session.setDaemon(true);
                session.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket client) {
        try (client; InputStream in = new BufferedInputStream(client.getInputStream());
             OutputStream out = client.getOutputStream()) {
            reply(out, "220 " + name + " sink ready");
            String sender = null;
            List<String> recipients = new ArrayList<>();
            for (byte[] line = readLine(in); line != null; line = readLine(in)) {
                String command = new String(line, StandardCharsets.US_ASCII);
                String verb = command.length() < 4 ? command.toUpperCase(Locale.ROOT)
                    : command.substring(0, 4).toUpperCase(Locale.ROOT);
                switch (verb) {
                    case "HELO", "EHLO" -> reply(out, "250 " + name);
                    case "MAIL" -> {
                        sender = pathOf(command);
                        recipients.clear();
                        reply(out, "250 OK");
                    }
                    case "RCPT" -> {
                        recipients.add(pathOf(command));
                        reply(out, "250 OK");
                    }
                    case "DATA" -> {
                        if (sender == null || recipients.isEmpty()) {
                            reply(out, "503 MAIL and RCPT first");
                            continue;
                        }
                        reply(out, "354 End data with <CR><LF>.<CR><LF>");
                        byte[] message = readData(in);
                        if (message == null) {
                            return;
                        }
                        received.add(new Received(sender, List.copyOf(recipients), message));
                        sender = null;
                        recipients.clear();
                        reply(out, "250 OK queued");
                    }
                    case "RSET" -> {
                        sender = null;
                        recipients.clear();
                        reply(out, "250 OK");
                    }
                    case "NOOP" -> reply(out, "250 OK");
                    case "QUIT" -> {
                        reply(out, "221 Bye");
                        return;
                    }
                    default -> reply(out, "502 Command not implemented");
                }
            }
        } catch (SocketException closed) {
            // the client went away
        } catch (IOException e) {
            throw new IllegalStateException("SMTP sink " + name + " failed", e);
        }
    }

    /** The address between the angle brackets of {@code MAIL FROM:<a>} or {@code RCPT TO:<b>} ("" for <>). */
    private static String pathOf(String command) {
        int open = command.indexOf('<');
        int close = command.indexOf('>', open + 1);
        return open < 0 || close < 0 ? command.substring(command.indexOf(':') + 1).trim()
            : command.substring(open + 1, close);
    }

    private static byte[] readData(InputStream in) throws IOException {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        for (byte[] line = readLine(in); line != null; line = readLine(in)) {
            if (line.length == 1 && line[0] == '.') {
                return message.toByteArray();
            }
            int from = line.length > 0 && line[0] == '.' ? 1 : 0;
            message.write(line, from, line.length - from);
            message.write('\r');
            message.write('\n');
        }
        return null;
    }

    /** One line without its CRLF (a bare LF ends a line too); null at end of stream. */
    private static byte[] readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b >= 0; b = in.read()) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return java.util.Arrays.copyOf(bytes, length);
            }
            if (line.size() >= MAX_LINE) {
                throw new IOException("line longer than " + MAX_LINE + " bytes");
            }
            line.write(b);
        }
        return null;
    }

    private static void reply(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }
}
