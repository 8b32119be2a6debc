package org.smimegateway.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Peak heap of our engine on a 25 MB message, measured as the smallest {@code -Xmx} in which one operation
 * completes: a child JVM per try (default collector), bisected to {@value #RESOLUTION_MB} MB. The child holds the
 * input once (as James holds the mail) and the output once, so the figure is what a gateway must budget per
 * message in flight, JVM baseline included.
 */
public final class PeakHeap {
    static final String SIZE = "25MB";
    private static final int RESOLUTION_MB = 8;
    private static final int CEILING_MB = 1536;
    private static final String[] OPERATIONS = {"sign", "encrypt1", "decrypt", "verify", "signEncrypt", "decryptVerify"};

    private PeakHeap() {
    }

    /** Smallest heap per operation, in MB (or -1 when even the ceiling was not enough). */
    static Map<String, Integer> measure() {
        Path dir = Inputs.dir();
        BenchmarkPki pki = Inputs.pki();
        try {
            GatewayEngine engine = new GatewayEngine(pki);
            byte[] mail = Inputs.mail(SIZE);
            Files.write(dir.resolve("peak-mail.eml"), mail);
            Files.write(dir.resolve("peak-signed.eml"), engine.sign(mail));
            Files.write(dir.resolve("peak-encrypted.eml"), engine.encrypt(mail, pki.recipients().subList(0, 1)));
            Files.write(dir.resolve("peak-signed-encrypted.eml"), engine.signEncrypt(mail, pki.recipients().get(0)));
        } catch (Exception e) {
            throw new IllegalStateException("peak heap inputs", e);
        }
        Map<String, Integer> result = new LinkedHashMap<>();
        for (String operation : OPERATIONS) {
            int low = RESOLUTION_MB;
            int high = CEILING_MB;
            if (!fits(operation, high, dir)) {
                result.put(operation, -1);
                continue;
            }
            while (high - low > RESOLUTION_MB) {
                int middle = (low + high) / 2 / RESOLUTION_MB * RESOLUTION_MB;
                if (fits(operation, middle, dir)) {
                    high = middle;
                } else {
                    low = middle;
                }
            }
            result.put(operation, high);
        }
        return result;
    }

    static String render(Map<String, Integer> peaks) {
        double message = Messages.parseSize(SIZE) / (1024.0 * 1024.0);
        StringBuilder out = new StringBuilder("| operation (25 MB) | smallest -Xmx that completes | ÷ message size |\n|---|---|---|\n");
        peaks.forEach((operation, mb) -> out.append(String.format(Locale.ROOT, "| %s | %s | %s |%n", operation,
            mb < 0 ? "> " + CEILING_MB + " MB" : mb + " MB", mb < 0 ? "-" : String.format(Locale.ROOT, "%.1f", mb / message))));
        return out.toString();
    }

    private static boolean fits(String operation, int heapMb, Path dir) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx" + heapMb + "m", "-Xms" + Math.min(heapMb, 16) + "m",
            "-cp", System.getProperty("java.class.path"), PeakHeap.class.getName(), operation, dir.toString()));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                return false;
            }
            return process.exitValue() == 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Child: {@code <operation> <dir>}; exits 0 when the operation completed, 1 on OutOfMemoryError. */
    public static void main(String[] args) throws Exception {
        String operation = args[0];
        Path dir = Path.of(args[1]);
        BenchmarkPki pki = BenchmarkPki.load(dir, 1);
        GatewayEngine engine = new GatewayEngine(pki);
        try {
            byte[] output = switch (operation) {
                case "sign" -> engine.sign(Files.readAllBytes(dir.resolve("peak-mail.eml")));
                case "encrypt1" -> engine.encrypt(Files.readAllBytes(dir.resolve("peak-mail.eml")), pki.recipients());
                case "signEncrypt" -> engine.signEncrypt(Files.readAllBytes(dir.resolve("peak-mail.eml")), pki.recipients().get(0));
                case "decrypt" -> engine.inspect(Files.readAllBytes(dir.resolve("peak-encrypted.eml")), true, false);
                case "verify" -> engine.inspect(Files.readAllBytes(dir.resolve("peak-signed.eml")), false, true);
                case "decryptVerify" -> engine.inspect(Files.readAllBytes(dir.resolve("peak-signed-encrypted.eml")), true, true);
                default -> throw new IllegalArgumentException("unknown operation " + operation);
            };
            System.exit(output.length > 0 ? 0 : 2);
        } catch (OutOfMemoryError e) {
            System.exit(1);
        }
    }
}
