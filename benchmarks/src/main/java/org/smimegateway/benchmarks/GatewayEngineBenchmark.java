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

/** Our engine from the drop-in jar over the same messages and keys as the peers. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class GatewayEngineBenchmark {
    @Param({"10KB", "1MB", "25MB"})
    public String size;

    private BenchmarkPki pki;
    private GatewayEngine engine;
    private byte[] mail;
    private byte[] signed;
    private byte[] encrypted;
    private byte[] signedThenEncrypted;

    @Setup
    public void setUp() throws Exception {
        pki = Inputs.pki();
        engine = new GatewayEngine(pki);
        mail = Inputs.mail(size);
        signed = engine.sign(mail);
        encrypted = engine.encrypt(mail, pki.recipients().subList(0, 1));
        signedThenEncrypted = engine.signEncrypt(mail, pki.recipients().get(0));
        engine.inspect(signedThenEncrypted, true, true);
    }

    @Benchmark
    public Output sign() throws Exception {
        return Output.of(engine.signed(mail));
    }

    @Benchmark
    public Output encrypt1() throws Exception {
        return Output.of(engine.encrypted(mail, pki.recipients().subList(0, 1)));
    }

    @Benchmark
    public Output encrypt10() throws Exception {
        return Output.of(engine.encrypted(mail, pki.recipients()));
    }

    @Benchmark
    public Output decrypt() throws Exception {
        return Output.of(engine.inspected(encrypted, true, false));
    }

    @Benchmark
    public Output verify() throws Exception {
        return Output.of(engine.inspected(signed, false, true));
    }

    @Benchmark
    public Output signEncrypt() throws Exception {
        return Output.of(engine.signedEncrypted(mail, pki.recipients().get(0)));
    }

    @Benchmark
    public Output decryptVerify() throws Exception {
        return Output.of(engine.inspected(signedThenEncrypted, true, true));
    }
}
