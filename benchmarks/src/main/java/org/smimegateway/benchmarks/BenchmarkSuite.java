package org.smimegateway.benchmarks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the suite and prints the comparison table. {@code full} (default) is the measurement recorded in the
 * README, sized to finish in under 20 minutes on 2 cores; {@code smoke} runs every benchmark once on small
 * messages and fails on any error.
 */
public final class BenchmarkSuite {
    static final String ENGINE = "GatewayEngineBenchmark";
    static final String BCMAIL = "BcmailNaiveBenchmark";
    static final String JAMES = "JamesSmimeSignBenchmark";
    static final String OPENSSL = "OpenSslCmsBenchmark";
    static final String RAW = "RawLimitsBenchmark";

    private BenchmarkSuite() {
    }

    public static void main(String[] args) throws RunnerException {
        if (args.length > 0 && args[0].equals("peak")) {
            System.out.println(PeakHeap.render(PeakHeap.measure()));
            return;
        }
        boolean smoke = args.length > 0 && args[0].equals("smoke");
        Collection<RunResult> results = smoke ? smoke() : full();
        String table = ReportTable.render(results);
        if (!smoke) {
            table += OpenSslSpeed.rsa2048SignsPerSecond()
                .map(rate -> String.format(java.util.Locale.ROOT, "openssl speed rsa2048: %.1f signs/s (1 core)%n", rate))
                .orElse("openssl speed rsa2048: not available\n");
            table += "\n" + PeakHeap.render(PeakHeap.measure());
        }
        System.out.println();
        System.out.println(table);
    }

    /**
     * Every benchmark once, 10 KB only, in-process: proves nothing errors, measures nothing. JMH's own report
     * (with its warning that in-process runs are not measurements) goes to {@code target/jmh-smoke.log}.
     */
    public static Collection<RunResult> smoke() throws RunnerException {
        return new Runner(base()
            .output("target/jmh-smoke.log")
            .param("size", "10KB")
            .forks(0)
            .warmupIterations(0)
            .measurementIterations(1)
            .measurementTime(TimeValue.milliseconds(200))
            .threads(1)
            .build()).run();
    }

    public static Collection<RunResult> full() throws RunnerException {
        List<RunResult> results = new ArrayList<>();
        // The peers and the raw limits once, single-threaded; the engine and the raw limits again on 2 threads.
        results.addAll(new Runner(measured()
            .threads(1)
            .build()).run());
        results.addAll(new Runner(measured()
            .include(ENGINE)
            .include(RAW)
            .exclude(BCMAIL)
            .exclude(JAMES)
            .exclude(OPENSSL)
            .threads(2)
            .build()).run());
        return results;
    }

    private static ChainedOptionsBuilder base() {
        return new OptionsBuilder()
            .include(ENGINE)
            .include(BCMAIL)
            .include(JAMES)
            .include(OPENSSL)
            .include(RAW)
            .addProfiler(GCProfiler.class)
            .shouldFailOnError(true);
    }

    private static ChainedOptionsBuilder measured() {
        return base()
            .forks(1)
            .jvmArgs("-Xms2g", "-Xmx2g")
            .warmupIterations(1)
            .warmupTime(TimeValue.seconds(2))
            .measurementIterations(2)
            .measurementTime(TimeValue.seconds(2));
    }
}
