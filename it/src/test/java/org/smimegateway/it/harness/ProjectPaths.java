package org.smimegateway.it.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Where the build put the things the tests need; set by failsafe, with fallbacks for running from an IDE. */
public final class ProjectPaths {
    private ProjectPaths() {
    }

    public static Path projectRoot() {
        Path dir = Paths.get("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("conf-samples"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("Cannot find the project root (a folder holding conf-samples)");
        }
        return dir;
    }

    public static Path confSamples() {
        String configured = System.getProperty("smimegateway.confSamples");
        return configured != null ? Paths.get(configured) : projectRoot().resolve("conf-samples");
    }

    public static Path sample(String name) {
        return confSamples().resolve(name);
    }

    /** The stock James 3.8.1 conf/ folder, as the published memory app zip holds it (unpacked by the build). */
    public static Path stockConf() {
        String configured = System.getProperty("smimegateway.stockConf");
        Path conf = configured != null ? Paths.get(configured)
            : projectRoot().resolve("it/target/james-stock/james-server-memory-app/conf");
        if (!Files.isDirectory(conf)) {
            throw new IllegalStateException("No stock James conf/ at " + conf + ": build the it module first");
        }
        return conf;
    }

    public static Path dropInJar() {
        String configured = System.getProperty("smimegateway.dropInJar");
        if (configured != null) {
            return Paths.get(configured);
        }
        return dropInJarIn(projectRoot().resolve("assembly/target"));
    }

    /** The drop-in jar among what the assembly module built in {@code folder}. */
    static Path dropInJarIn(Path folder) {
        try (var jars = Files.list(folder)) {
            // smime-gateway-<version>.jar: not the admin command line beside it (smime-gateway-admin-<version>.jar),
            // nor the shade plugin's original-smime-gateway-<version>.jar.
            return jars.filter(p -> p.getFileName().toString().matches("smime-gateway-[0-9][^/]*\\.jar"))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("No drop-in jar in " + folder + ": run mvn install first"));
        } catch (IOException e) {
            throw new IllegalStateException("No " + folder + " folder: run mvn install first", e);
        }
    }
}
