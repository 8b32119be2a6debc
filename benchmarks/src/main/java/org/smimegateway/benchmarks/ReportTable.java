package org.smimegateway.benchmarks;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/**
 * Turns JMH results into the table of the README: per operation, message size and thread count, messages per
 * second and MB/s of each implementation, bytes allocated per message, and the ratios the targets are stated in.
 */
final class ReportTable {
    private static final String[] OPERATIONS = {"sign", "encrypt1", "encrypt10", "decrypt", "verify", "signEncrypt", "decryptVerify"};

    private ReportTable() {
    }

    record Key(String benchmark, String operation, String size, int threads) {
    }

    record Measure(double opsPerSecond, double allocatedBytesPerOp) {
    }

    static String render(Collection<RunResult> results) {
        Map<Key, Measure> measures = new LinkedHashMap<>();
        for (RunResult run : results) {
            String label = run.getParams().getBenchmark();
            String benchmark = label.substring(0, label.lastIndexOf('.'));
            benchmark = benchmark.substring(benchmark.lastIndexOf('.') + 1);
            String operation = label.substring(label.lastIndexOf('.') + 1);
            String size = Optional.ofNullable(run.getParams().getParam("size")).orElse("-");
            Result<?> gc = run.getSecondaryResults().get("gc.alloc.rate.norm");
            measures.put(new Key(benchmark, operation, size, run.getParams().getThreads()),
                new Measure(run.getPrimaryResult().getScore(), gc == null ? Double.NaN : gc.getScore()));
        }
        StringBuilder out = new StringBuilder();
        out.append("| operation | size | threads | ours msg/s | ours MB/s | ours alloc/msg | bcmail-naive msg/s | James SMIMESign msg/s | openssl cms msg/s | ours/bcmail | ours/James | ours/openssl | bcmail alloc/msg | James alloc/msg |\n");
        out.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        Map<String, Integer> sizes = new TreeMap<>();
        measures.keySet().forEach(k -> sizes.put(k.size(), k.size().equals("-") ? 0 : Messages.parseSize(k.size())));
        for (String operation : OPERATIONS) {
            for (Map.Entry<String, Integer> size : sizes.entrySet().stream().sorted(Map.Entry.comparingByValue()).toList()) {
                for (int threads : new int[] {1, 2}) {
                    Measure ours = measures.get(new Key(BenchmarkSuite.ENGINE, operation, size.getKey(), threads));
                    Measure bcmail = measures.get(new Key(BenchmarkSuite.BCMAIL, operation, size.getKey(), threads));
                    Measure james = measures.get(new Key(BenchmarkSuite.JAMES, operation, size.getKey(), threads));
                    Measure openssl = measures.get(new Key(BenchmarkSuite.OPENSSL, operation, size.getKey(), threads));
                    if (ours == null && bcmail == null && james == null && openssl == null) {
                        continue;
                    }
                    out.append(String.format(Locale.ROOT, "| %s | %s | %d | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n",
                        operation, size.getKey(), threads,
                        rate(ours), megabytes(ours, size.getValue()), bytes(ours),
                        rate(bcmail), rate(james), rate(openssl),
                        ratio(ours, bcmail), ratio(ours, james), ratio(ours, openssl), bytes(bcmail), bytes(james)));
                }
            }
        }
        out.append('\n');
        out.append("| raw limit | threads | ops/s | MB/s |\n|---|---|---|---|\n");
        for (String raw : new String[] {"rsa2048Sign", "sha256OneMegabyte", "aes128CbcOneMegabyte"}) {
            for (int threads : new int[] {1, 2}) {
                Measure m = measures.get(new Key(BenchmarkSuite.RAW, raw, "-", threads));
                if (m != null) {
                    out.append(String.format(Locale.ROOT, "| %s | %d | %.1f | %s |%n", raw, threads, m.opsPerSecond(),
                        raw.endsWith("OneMegabyte") ? String.format(Locale.ROOT, "%.1f", m.opsPerSecond()) : "-"));
                }
            }
        }
        Measure process = measures.get(new Key(BenchmarkSuite.OPENSSL, "processOverhead", "10KB", 1));
        if (process != null) {
            out.append(String.format(Locale.ROOT, "%nopenssl process start-up alone: %.1f processes/s%n", process.opsPerSecond()));
        }
        Measure rsa = measures.get(new Key(BenchmarkSuite.RAW, "rsa2048Sign", "-", 1));
        Measure smallSignEncrypt = measures.get(new Key(BenchmarkSuite.ENGINE, "signEncrypt", "10KB", 1));
        if (rsa != null && smallSignEncrypt != null) {
            out.append(String.format(Locale.ROOT, "ours 10 KB sign+encrypt / Java RSA-2048 sign limit: %.2f%n",
                smallSignEncrypt.opsPerSecond() / rsa.opsPerSecond()));
        }
        for (String operation : OPERATIONS) {
            for (String size : sizes.keySet()) {
                Measure one = measures.get(new Key(BenchmarkSuite.ENGINE, operation, size, 1));
                Measure two = measures.get(new Key(BenchmarkSuite.ENGINE, operation, size, 2));
                if (one != null && two != null) {
                    out.append(String.format(Locale.ROOT, "ours %s %s: 2 threads / 1 thread = %.2f%n", operation, size,
                        two.opsPerSecond() / one.opsPerSecond()));
                }
            }
        }
        return out.toString();
    }

    private static String rate(Measure m) {
        return m == null ? "-" : String.format(Locale.ROOT, "%.2f", m.opsPerSecond());
    }

    private static String megabytes(Measure m, int size) {
        return m == null ? "-" : String.format(Locale.ROOT, "%.1f", m.opsPerSecond() * size / (1024.0 * 1024.0));
    }

    private static String bytes(Measure m) {
        return m == null || Double.isNaN(m.allocatedBytesPerOp()) ? "-"
            : String.format(Locale.ROOT, "%.1f MB", m.allocatedBytesPerOp() / (1024.0 * 1024.0));
    }

    private static String ratio(Measure a, Measure b) {
        return a == null || b == null ? "-" : String.format(Locale.ROOT, "%.2f", a.opsPerSecond() / b.opsPerSecond());
    }
}
