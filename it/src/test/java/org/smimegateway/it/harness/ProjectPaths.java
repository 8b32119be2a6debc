package org.smimegateway.it.harness;

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

    public static Path dropInJar() {
        String configured = System.getProperty("smimegateway.dropInJar");
        if (configured != null) {
            return Paths.get(configured);
        }
        try (var jars = Files.list(projectRoot().resolve("assembly/target"))) {
            return jars.filter(p -> p.getFileName().toString().matches("smime-gateway-.*\\.jar"))
                .filter(p -> !p.getFileName().toString().startsWith("original-"))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("No drop-in jar in assembly/target: run mvn install first"));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("No assembly/target folder: run mvn install first", e);
        }
    }
}
