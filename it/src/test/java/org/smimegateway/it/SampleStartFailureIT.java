package org.smimegateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smimegateway.it.harness.JamesGateway;
import org.smimegateway.it.harness.ProjectPaths;

/**
 * A configuration James refuses must fail the test that started it, with the reason, and leave the test JVM alive
 * (James's default on a failed start is {@code System.exit}).
 */
class SampleStartFailureIT {

    @Test
    void aMisspelledMailetParameterFailsTheStartNamingTheParameter(@TempDir Path root) throws Exception {
        JamesGateway gateway = JamesGateway.builder()
            .root(root)
            .sample(ProjectPaths.sample("gateway"))
            .dropInJar(ProjectPaths.dropInJar())
            .domain("gateway.test")
            .beforeStart(r -> {
                Path container = r.resolve("conf/mailetcontainer.xml");
                String xml = Files.readString(container);
                Matcher signer = Pattern.compile("<mailet[^>]*\"org\\.smimegateway\\.mailets\\.SmimeSign\"[^>]*>").matcher(xml);
                assertThat(signer.find()).as("SmimeSign in the sample").isTrue();
                Files.writeString(container, xml.substring(0, signer.end()) + "<signatureAlgorythm>SHA256</signatureAlgorythm>"
                    + xml.substring(signer.end()));
            })
            .build();

        assertThatThrownBy(gateway::start)
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("James did not start")
            .hasMessageContaining("signatureAlgorythm");
        gateway.close();
    }

    @Test
    void aMisspelledProcessorNameFailsTheStartNamingTheProcessor(@TempDir Path root) throws Exception {
        JamesGateway gateway = JamesGateway.builder()
            .root(root)
            .sample(ProjectPaths.sample("gateway"))
            .dropInJar(ProjectPaths.dropInJar())
            .domain("gateway.test")
            .beforeStart(r -> {
                Path container = r.resolve("conf/mailetcontainer.xml");
                String xml = Files.readString(container);
                Matcher encrypt = Pattern.compile("<mailet[^>]*\"org\\.smimegateway\\.mailets\\.SmimeEncrypt\"[^>]*>")
                    .matcher(xml);
                assertThat(encrypt.find()).as("SmimeEncrypt in the sample").isTrue();
                Files.writeString(container, xml.substring(0, encrypt.end())
                    + "<unavailableProcessor>helld</unavailableProcessor>" + xml.substring(encrypt.end()));
            })
            .build();

        assertThatThrownBy(gateway::start)
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("James did not start")
            .hasMessageContaining("undefined processors: [helld]");
        gateway.close();
    }
}
