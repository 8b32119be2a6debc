package org.smimegateway.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** The naive bcmail peer over the same messages and keys as the engine benchmark. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class BcmailNaiveBenchmark {
    @Param({"10KB", "1MB", "25MB"})
    public String size;

    private BenchmarkPki pki;
    private byte[] mail;
    private byte[] signed;
    private byte[] encrypted;
    private byte[] signedThenEncrypted;

    @Setup
    public void setUp() throws Exception {
        pki = Inputs.pki();
        mail = Inputs.mail(size);
        signed = BcmailNaive.sign(mail, pki.sender());
        encrypted = BcmailNaive.encrypt(mail, pki.recipients().subList(0, 1));
        signedThenEncrypted = BcmailNaive.encrypt(signed, pki.recipients().subList(0, 1));
        BcmailNaive.verify(signed, pki.sender());
    }

    @Benchmark
    public Output sign() throws Exception {
        return Output.of(BcmailNaive.signed(mail, pki.sender()));
    }

    @Benchmark
    public Output encrypt1() throws Exception {
        return Output.of(BcmailNaive.encrypted(mail, pki.recipients().subList(0, 1)));
    }

    @Benchmark
    public Output encrypt10() throws Exception {
        return Output.of(BcmailNaive.encrypted(mail, pki.recipients()));
    }

    @Benchmark
    public Output decrypt() throws Exception {
        return Output.of(BcmailNaive.decrypted(encrypted, pki.recipients().get(0)));
    }

    @Benchmark
    public Output verify() throws Exception {
        return Output.of(BcmailNaive.verified(signed, pki.sender()));
    }

    @Benchmark
    public Output signEncrypt() throws Exception {
        return Output.of(BcmailNaive.encrypted(BcmailNaive.sign(mail, pki.sender()), List.of(pki.recipients().get(0))));
    }

    @Benchmark
    public Output decryptVerify() throws Exception {
        return Output.of(BcmailNaive.verified(BcmailNaive.decrypt(signedThenEncrypted, pki.recipients().get(0)), pki.sender()));
    }
}
