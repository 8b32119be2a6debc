package org.smimegateway.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
import org.openjdk.jmh.annotations.TearDown;

/**
 * {@code openssl cms} as a peer: one process per message, input and output as files. {@link #processOverhead()}
 * measures what starting an openssl process costs at all, to separate it from the crypto.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class OpenSslCmsBenchmark {
    @Param({"10KB", "1MB", "25MB"})
    public String size;

    private BenchmarkPki pki;
    private Path work;
    private Path mail;
    private Path signed;
    private Path encrypted;
    private Path signedThenEncrypted;
    private Path out;
    private Path scratch;

    @Setup
    public void setUp() throws Exception {
        if (!OpenSslCms.available()) {
            throw new IllegalStateException("openssl is not installed (Debian package openssl)");
        }
        pki = Inputs.pki();
        work = Files.createTempDirectory(Inputs.dir(), "openssl");
        mail = Files.write(work.resolve("mail.eml"), Inputs.mail(size));
        signed = work.resolve("signed.eml");
        encrypted = work.resolve("encrypted.eml");
        signedThenEncrypted = work.resolve("signed-encrypted.eml");
        out = work.resolve("out.eml");
        scratch = work.resolve("scratch.eml");
        sign(mail, signed);
        encrypt(mail, encrypted, 1);
        encrypt(signed, signedThenEncrypted, 1);
    }

    @TearDown
    public void tearDown() throws Exception {
        try (var files = Files.list(work)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(work);
    }

    private void sign(Path in, Path to) throws Exception {
        OpenSslCms.run(in, to, "cms", "-sign", "-signer", pki.sender().certificatePem().toString(),
            "-inkey", pki.sender().keyPem().toString(), "-md", "sha256");
    }

    private void encrypt(Path in, Path to, int recipients) throws Exception {
        List<String> args = new ArrayList<>(List.of("cms", "-encrypt", "-aes128"));
        for (BenchmarkPki.Party recipient : pki.recipients().subList(0, recipients)) {
            args.add(recipient.certificatePem().toString());
        }
        OpenSslCms.run(in, to, args.toArray(String[]::new));
    }

    private void decrypt(Path in, Path to) throws Exception {
        BenchmarkPki.Party recipient = pki.recipients().get(0);
        OpenSslCms.run(in, to, "cms", "-decrypt", "-recip", recipient.certificatePem().toString(),
            "-inkey", recipient.keyPem().toString());
    }

    private void verify(Path in, Path to) throws Exception {
        OpenSslCms.run(in, to, "cms", "-verify", "-CAfile", pki.caPem().toString(), "-purpose", "any");
    }

    @Benchmark
    public void processOverhead() throws Exception {
        OpenSslCms.run(null, null, "version");
    }

    @Benchmark
    public void sign() throws Exception {
        sign(mail, out);
    }

    @Benchmark
    public void encrypt1() throws Exception {
        encrypt(mail, out, 1);
    }

    @Benchmark
    public void encrypt10() throws Exception {
        encrypt(mail, out, 10);
    }

    @Benchmark
    public void decrypt() throws Exception {
        decrypt(encrypted, out);
    }

    @Benchmark
    public void verify() throws Exception {
        verify(signed, out);
    }

    @Benchmark
    public void signEncrypt() throws Exception {
        sign(mail, scratch);
        encrypt(scratch, out, 1);
    }

    @Benchmark
    public void decryptVerify() throws Exception {
        decrypt(signedThenEncrypted, scratch);
        verify(scratch, out);
    }
}
