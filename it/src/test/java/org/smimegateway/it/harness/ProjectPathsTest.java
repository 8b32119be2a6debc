package org.smimegateway.it.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo (run outside failsafe) finds the drop-in jar by name among everything the assembly builds. */
class ProjectPathsTest {

    @Test
    void findsTheDropInJarNotTheAdminJarOrTheShadePluginsOriginalBesideIt(@TempDir Path target) throws Exception {
        for (String name : new String[] {"smime-gateway-admin-0.1.0-SNAPSHOT.jar", "original-smime-gateway-0.1.0-SNAPSHOT.jar",
            "smime-gateway-0.1.0-SNAPSHOT.jar"}) {
            Files.writeString(target.resolve(name), name);
        }

        assertThat(ProjectPaths.dropInJarIn(target).getFileName()).hasToString("smime-gateway-0.1.0-SNAPSHOT.jar");
    }
}
