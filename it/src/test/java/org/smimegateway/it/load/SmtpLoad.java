package org.smimegateway.it.load;

import java.io.ByteArrayInputStream;
import java.io.SequenceInputStream;
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
    private static final int SAMPLES = 2;

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

    /**
     * What one measured run took out, and how fast: the header block of every message that arrived and the whole
     * bytes of the first few (keeping all of them would measure the heap).
     */
    record Result(int messages, double seconds, double perSecond, double p50Millis, double p99Millis,
                  double cpuMillisPerMessage, List<String> arrivedHeaders, List<byte[]> samples) {
    }

    /** The headers of message {@code sequence}: the sequence number in the Subject. */
    private byte[] headers(int sequence) {
        return ("From: " + user + "\r\nTo: " + recipient + "\r\nSubject: load-" + sequence
            + "\r\nMessage-ID: <load-" + sequence + '.' + System.nanoTime() + "@load.test>"
            + "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    }

    /** One body of {@code size} bytes of plain text lines, shared by every message of a run. */
    static byte[] body(int size) {
        StringBuilder text = new StringBuilder(size + 128);
        String line = "The quarterly figures are in the attached table; this line pads the load run's message.\r\n";
        while (text.length() < size) {
            text.append(line);
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    Result run(int messages, int size, int connections, long timeoutSeconds) throws Exception {
        byte[] body = body(size);
        AtomicLongArray sentAt = new AtomicLongArray(messages);
        long[] arrivedAt = new long[messages];
        List<String> arrivedHeaders = new ArrayList<>();
        List<byte[]> samples = new ArrayList<>();
        AtomicInteger next = new AtomicInteger();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

        ExecutorService senders = Executors.newFixedThreadPool(connections);
        long cpuStart = os.getProcessCpuTime();
        long start = System.nanoTime();
        List<Future<Void>> sending = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            sending.add(senders.submit(() -> {
                send(messages, body, sentAt, next);
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
                arrivedHeaders.add(headerBlock(mail.message()));
                if (samples.size() < SAMPLES) {
                    samples.add(mail.message());
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
            cpu / 1e6 / messages, arrivedHeaders, samples);
    }

    private void send(int messages, byte[] body, AtomicLongArray sentAt, AtomicInteger next) throws Exception {
        Properties properties = new Properties();
        properties.setProperty("mail.smtp.auth", "true");
        properties.setProperty("mail.smtp.from", user);
        properties.setProperty("mail.smtp.connectiontimeout", "10000");
        properties.setProperty("mail.smtp.timeout", "60000");
        Session session = Session.getInstance(properties);
        Address[] to = {new InternetAddress(recipient)};
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect("127.0.0.1", james.smtpPort(), user, password);
            for (int i = next.getAndIncrement(); i < messages; i = next.getAndIncrement()) {
                MimeMessage mime = new MimeMessage(session, new SequenceInputStream(
                    new ByteArrayInputStream(headers(i)), new ByteArrayInputStream(body)));
                sentAt.set(i, System.nanoTime());
                // sendMessage, unlike Transport.send, keeps the bytes as given (no saveChanges).
                transport.sendMessage(mime, to);
            }
        }
    }

    private static String headerBlock(byte[] message) {
        String head = new String(message, 0, Math.min(message.length, 16 * 1024), StandardCharsets.ISO_8859_1);
        int end = head.indexOf("\r\n\r\n");
        return end < 0 ? head : head.substring(0, end + 2);
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
