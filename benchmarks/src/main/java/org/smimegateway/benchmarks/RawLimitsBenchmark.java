package org.smimegateway.benchmarks;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What this JVM can do at all: RSA-2048 signatures per second (the ceiling for small-message signing), and
 * SHA-256 and AES-128-CBC over 1 MB (the ceiling for large messages). The JDK providers are used, as our engine
 * does where they are faster.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RawLimitsBenchmark {
    private static final int MB = 1024 * 1024;

    private byte[] data;
    private byte[] digestInput;
    private Signature signature;
    private MessageDigest sha256;
    private Cipher aes;
    private SecretKeySpec key;
    private IvParameterSpec iv;

    @Setup
    public void setUp() throws GeneralSecurityException {
        data = new byte[MB];
        new Random(1).nextBytes(data);
        digestInput = new byte[32];
        signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(Inputs.pki().sender().keys().getPrivate());
        sha256 = MessageDigest.getInstance("SHA-256");
        aes = Cipher.getInstance("AES/CBC/PKCS5Padding");
        key = new SecretKeySpec(new byte[16], "AES");
        iv = new IvParameterSpec(new byte[16]);
    }

    @Benchmark
    public byte[] rsa2048Sign() throws GeneralSecurityException {
        signature.update(digestInput);
        return signature.sign();
    }

    @Benchmark
    public byte[] sha256OneMegabyte() {
        return sha256.digest(data);
    }

    @Benchmark
    public byte[] aes128CbcOneMegabyte() throws GeneralSecurityException {
        aes.init(Cipher.ENCRYPT_MODE, key, iv);
        return aes.doFinal(data);
    }
}
