package org.smimegateway.benchmarks;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Apache James's SMIMESign mailet (the only operation it offers) over the same messages and sender key. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class JamesSmimeSignBenchmark {
    @Param({"10KB", "1MB", "25MB"})
    public String size;

    private JamesSmimeSign james;
    private byte[] mail;

    @Setup
    public void setUp() throws Exception {
        BenchmarkPki pki = Inputs.pki();
        james = new JamesSmimeSign(pki.sender(), Inputs.dir());
        mail = Inputs.mail(size);
        // What James signs must verify with the plain peer, or we would be timing something else.
        BcmailNaive.verify(james.sign(mail), pki.sender());
    }

    @Benchmark
    public Output sign() throws Exception {
        return james.sign(mail, Output.fresh());
    }
}
