package org.smimegateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smimegateway.it.harness.ProjectPaths;
import org.smimegateway.it.harness.WorkingDirectory;
import org.smimegateway.keystore.testing.ExternalTool;

/**
 * README's "Installing" block, run as written on the stock conf/ of the published James 3.8.1 zip, gives exactly
 * the configuration every other integration test boots (stock conf/ with conf-samples/gateway copied over it): the
 * guide, the merge tool, merge.xml and the merged sample files cannot drift apart.
 */
class InstallGuideIT {
    @Test
    void readmeInstallBlockOnTheStockConfYieldsTheConfigurationTheTestsBoot(@TempDir Path work) throws Exception {
        Path james = Files.createDirectories(work.resolve("james"));
        WorkingDirectory.copyTree(ProjectPaths.stockConf(), Files.createDirectories(james.resolve("conf")));
        Path expected = Files.createDirectories(work.resolve("expected"));
        WorkingDirectory.copyTree(ProjectPaths.stockConf(), expected);
        WorkingDirectory.copyTree(ProjectPaths.sample("gateway"), expected);

        ExternalTool bash = ExternalTool.require("bash", "bash");
        bash.run(ProjectPaths.projectRoot(), null, "-c", "set -euo pipefail; JAMES='" + james + "'\n" + installBlock())
            .assertSuccess();

        assertThat(configurationFiles(james.resolve("conf"))).isEqualTo(configurationFiles(expected));
        try (Stream<Path> jars = Files.list(james.resolve("extensions-jars"))) {
            assertThat(jars.map(p -> p.getFileName().toString()).toList())
                .containsExactly(ProjectPaths.dropInJar().getFileName().toString());
        }
    }

    /** The first bash block of README's "Installing into a stock James 3.8.1" section. */
    static String installBlock() throws Exception {
        String readme = Files.readString(ProjectPaths.projectRoot().resolve("README.md"), StandardCharsets.UTF_8);
        int section = readme.indexOf("## Installing into a stock James 3.8.1");
        assertThat(section).as("README's Installing section").isNotNegative();
        Matcher block = Pattern.compile("```bash\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertThat(block.find(section)).as("a bash block in README's Installing section").isTrue();
        return block.group(1);
    }

    /** Every file by relative path with its text; the samples' README files are documentation, not configuration. */
    private static Map<String, String> configurationFiles(Path conf) throws Exception {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(conf)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                String name = file.getFileName().toString();
                if (!name.startsWith("README") && !name.equals("merge.xml")) {
                    files.put(conf.relativize(file).toString(), Files.readString(file, StandardCharsets.ISO_8859_1));
                }
            }
        }
        return files;
    }
}
