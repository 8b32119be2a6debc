package org.smimegateway.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Per-JVM benchmark fixtures, made once: the PKI and its PEM files live in one temp folder. */
final class Inputs {
    private static BenchmarkPki pki;
    private static Path dir;

    private Inputs() {
    }

    static synchronized BenchmarkPki pki() {
        if (pki == null) {
            pki = BenchmarkPki.create(dir(), 10);
        }
        return pki;
    }

    static synchronized Path dir() {
        if (dir == null) {
            try {
                dir = Files.createTempDirectory("smime-benchmarks");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return dir;
    }

    static byte[] mail(String size) {
        BenchmarkPki p = pki();
        return Messages.mail(p.sender().address(), p.recipients().get(0).address(), Messages.parseSize(size));
    }
}
