package org.smimegateway.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;

/** Every benchmark runs once on a 10 KB message without error, and the table renders from the results. */
class BenchmarkSmokeTest {

    @Test
    void everyBenchmarkRunsWithoutErrorAndTheTableRenders() throws Exception {
        // JMH's host-wide lock keeps two measurements apart; this smoke measures nothing, so a real benchmark run
        // going on beside the build (e.g. a developer's) must not fail it.
        System.setProperty("jmh.ignoreLock", "true");
        Collection<RunResult> results = BenchmarkSuite.smoke();

        assertThat(results).extracting(r -> r.getParams().getBenchmark())
            .anyMatch(name -> name.endsWith("GatewayEngineBenchmark.decryptVerify"))
            .anyMatch(name -> name.endsWith("BcmailNaiveBenchmark.sign"))
            .anyMatch(name -> name.endsWith("JamesSmimeSignBenchmark.sign"))
            .anyMatch(name -> name.endsWith("OpenSslCmsBenchmark.decryptVerify"))
            .anyMatch(name -> name.endsWith("RawLimitsBenchmark.rsa2048Sign"));
        assertThat(results).allSatisfy(r -> assertThat(r.getPrimaryResult().getScore()).isPositive());
        assertThat(ReportTable.render(results)).contains("| sign | 10KB | 1 |");
    }
}
