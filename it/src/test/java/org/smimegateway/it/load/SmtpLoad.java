package org.smimegateway.it.load;

import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

import javax.mail.Address;
import javax.mail.Session;
import javax.mail.Transport;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;

import org.smimegateway.it.harness.JamesGateway;
import org.smimegateway.it.harness.JamesGateway.RepositoryMail;

/**
 * Sends {@code messages} mails of one size over {@code connections} authenticated SMTP connections (each kept open
 * for its share) into a running James and takes them out of its outgoing repository as they arrive. A message's
 * latency runs from the start of its SMTP transaction to the poll that found it (polls are a few milliseconds apart);
 * throughput and CPU are taken over the window from the first send to the last arrival. CPU is this JVM's process CPU
 * time, and James runs in this JVM: the SMTP clients and the poller count too, in both pipelines alike.
 */
final class SmtpLoad {
    private static final String SUBJECT_TAG = "\r\nSubject: load-";
    private static final long POLL_MILLIS = 5;

    private final JamesGateway james;
    private final String user;
    private final String password;
    private final String recipient;

    SmtpLoad(JamesGateway james, String user, String password, String recipient) {
        this.james = james;
        this.user = user;
        this.password = password;
        this.recipient = recipient;
    }

    /** What one measured run sent and took out, and how fast. {@code arrived} holds every message's bytes only when asked. */
    record Result(int messages, double seconds, double perSecond, double p50Millis, double p99Millis,
                  double cpuMillisPerMessage, List<byte[]> arrived) {
    }

    /** A message of about {@code size} bytes: plain text lines, the sequence number in the Subject. */
    byte[] message(int sequence, int size) {
        StringBuilder text = new StringBuilder(size + 256)
            .append("From: ").append(user).append("\r\nTo: ").append(recipient)
            .append("\r\nSubject: load-").append(sequence)
            .append("\r\nMessage-ID: <load-").append(sequence).append('.').append(System.nanoTime()).append("@load.test>")
            .append("\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n");
        String line = "The quarterly figures are in the attached table, line " + sequence + " of the load run.....\r\n";
        while (text.length() < size) {
            text.append(line);
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    Result run(int messages, int size, int connections, boolean keepMessages, long timeoutSeconds) throws Exception {
        byte[][] bodies = new byte[messages][];
        for (int i = 0; i < messages; i++) {
            bodies[i] = message(i, size);
        }
        AtomicLongArray sentAt = new AtomicLongArray(messages);
        long[] arrivedAt = new long[messages];
        List<byte[]> arrived = new ArrayList<>();
        AtomicInteger next = new AtomicInteger();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

        ExecutorService senders = Executors.newFixedThreadPool(connections);
        long cpuStart = os.getProcessCpuTime();
        long start = System.nanoTime();
        List<Future<Void>> sending = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            sending.add(senders.submit(() -> {
                send(bodies, sentAt, next);
                return null;
            }));
        }
        int count = 0;
        long deadline = start + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (count < messages) {
            for (Future<Void> f : sending) {
                if (f.isDone()) {
                    f.get(); // a failed sender fails the run now, not at the timeout
                }
            }
            if (System.nanoTime() > deadline) {
                senders.shutdownNow();
                throw new IllegalStateException(count + " of " + messages + " messages reached the outgoing repository in "
                    + timeoutSeconds + " s");
            }
            List<RepositoryMail> taken = james.take(JamesGateway.OUTGOING);
            long now = System.nanoTime();
            for (RepositoryMail mail : taken) {
                int sequence = sequenceOf(mail.message());
                if (arrivedAt[sequence] != 0) {
                    throw new IllegalStateException("load-" + sequence + " arrived twice");
                }
                arrivedAt[sequence] = now;
                count++;
                if (keepMessages) {
                    arrived.add(mail.message());
                }
            }
            if (taken.isEmpty()) {
                Thread.sleep(POLL_MILLIS);
            }
        }
        long end = Arrays.stream(arrivedAt).max().orElseThrow();
        long cpu = os.getProcessCpuTime() - cpuStart;
        senders.shutdown();

        double[] latencies = new double[messages];
        for (int i = 0; i < messages; i++) {
            latencies[i] = (arrivedAt[i] - sentAt.get(i)) / 1e6;
        }
        Arrays.sort(latencies);
        double seconds = (end - start) / 1e9;
        return new Result(messages, seconds, messages / seconds, percentile(latencies, 0.50), percentile(latencies, 0.99),
            cpu / 1e6 / messages, arrived);
    }

    private void send(byte[][] bodies, AtomicLongArray sentAt, AtomicInteger next) throws Exception {
        Properties properties = new Properties();
        properties.setProperty("mail.smtp.auth", "true");
        properties.setProperty("mail.smtp.from", user);
        properties.setProperty("mail.smtp.connectiontimeout", "10000");
        properties.setProperty("mail.smtp.timeout", "60000");
        Session session = Session.getInstance(properties);
        Address[] to = {new InternetAddress(recipient)};
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect("127.0.0.1", james.smtpPort(), user, password);
            for (int i = next.getAndIncrement(); i < bodies.length; i = next.getAndIncrement()) {
                MimeMessage mime = new MimeMessage(session, new ByteArrayInputStream(bodies[i]));
                sentAt.set(i, System.nanoTime());
                // sendMessage, unlike Transport.send, keeps the bytes as given (no saveChanges).
                transport.sendMessage(mime, to);
            }
        }
    }

    private static int sequenceOf(byte[] message) {
        String head = new String(message, 0, Math.min(message.length, 16 * 1024), StandardCharsets.ISO_8859_1);
        int at = head.indexOf(SUBJECT_TAG);
        if (at < 0) {
            throw new IllegalStateException("a message without a load- Subject reached the outgoing repository:\n" + head);
        }
        int from = at + SUBJECT_TAG.length();
        int to = from;
        while (to < head.length() && Character.isDigit(head.charAt(to))) {
            to++;
        }
        return Integer.parseInt(head.substring(from, to));
    }

    private static double percentile(double[] sorted, double p) {
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
