package org.smimegateway.benchmarks;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code openssl cms}, one process per message, reading and writing files as a mail filter script would. */
final class OpenSslCms {
    private OpenSslCms() {
    }

    static boolean available() {
        try {
            return new ProcessBuilder("openssl", "version").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static void run(Path in, Path out, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.redirectInput(in == null ? ProcessBuilder.Redirect.from(new File("/dev/null")) : ProcessBuilder.Redirect.from(in.toFile()));
        builder.redirectOutput(out == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(out.toFile()));
        int exit = builder.start().waitFor();
        if (exit != 0) {
            String said = out != null && Files.exists(out) ? Files.readString(out) : "";
            throw new IllegalStateException(String.join(" ", command) + " exited " + exit + ": " + said);
        }
    }
}
