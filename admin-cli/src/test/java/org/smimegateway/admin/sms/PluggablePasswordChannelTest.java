package org.smimegateway.admin.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smimegateway.admin.testing.Cli;

/** {@code --password-channel NAME} reaches any {@link PasswordChannelProvider} on the class path. */
class PluggablePasswordChannelTest {

    @TempDir
    Path work;

    private Path store;
    private Path caPassword;

    @BeforeEach
    void createCa() throws IOException {
        store = work.resolve("store");
        caPassword = Files.writeString(work.resolve("ca-password"), "ca secret\n");
        Cli.Run run = Cli.run("init-ca", "--store", store.toString(), "--ca-password-file", caPassword.toString(),
            "--key-algorithm", "EC_P256");
        assertThat(run.exitCode()).as(run.toString()).isZero();
    }

    @Test
    void builtInsAndATestProvidedChannelAreRegistered() {
        assertThat(PasswordChannels.names()).containsExactly("console", "file", "http", "recording");
    }

    @Test
    void testProvidedChannelReceivesItsOptionsAndExactlyThePasswordThatOpensThePfx() throws Exception {
        Path out = work.resolve("pfx");
        Cli.Run run = Cli.run("issue", "--store", store.toString(), "--ca-password-file", caPassword.toString(),
            "--address", "carol@partner.test", "--external", "--phone", "+4917000", "--key-algorithm", "EC_P256",
            "--out-dir", out.toString(), "--password-channel", "Recording", "--channel-option", "inbox=issue-test",
            "--channel-option", "region=eu");
        assertThat(run.exitCode()).as(run.toString()).isZero();

        RecordingChannelProvider.Inbox inbox = RecordingChannelProvider.inbox("issue-test");
        assertThat(inbox.options()).isEqualTo(Map.of("inbox", "issue-test", "region", "eu"));
        assertThat(inbox.notices()).singleElement().satisfies(notice -> {
            assertThat(notice.address()).isEqualTo("carol@partner.test");
            assertThat(notice.phone()).isEqualTo(Optional.of("+4917000"));
        });
        char[] password = inbox.notices().get(0).password();
        assertThat(run.out()).doesNotContain(new String(password));

        Path pfx;
        try (Stream<Path> files = Files.list(out)) {
            pfx = files.filter(p -> p.toString().endsWith(".p12")).findFirst().orElseThrow();
        }
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(pfx)) {
            keyStore.load(in, password);
        }
        String alias = keyStore.aliases().nextElement();
        assertThat(keyStore.getKey(alias, password)).isInstanceOf(PrivateKey.class);
    }

    @Test
    void unknownChannelNameFailsListingTheRegisteredOnes() {
        Cli.Run run = Cli.run("issue", "--store", store.toString(), "--ca-password-file", caPassword.toString(),
            "--address", "dave@partner.test", "--external", "--key-algorithm", "EC_P256", "--out-dir",
            work.resolve("pfx").toString(), "--password-channel", "pigeon");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("no password channel pigeon; registered: [console, file, http, recording]");
    }

    @Test
    void builtInChannelRejectsAnOptionItDoesNotKnow() {
        Cli.Run run = Cli.run("issue", "--store", store.toString(), "--ca-password-file", caPassword.toString(),
            "--address", "erin@partner.test", "--external", "--key-algorithm", "EC_P256", "--out-dir",
            work.resolve("pfx").toString(), "--password-channel", "file", "--channel-option",
            "file=" + work.resolve("p.tsv"), "--channel-option", "colour=blue");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("password channel file has no option [colour]; accepted: [file]");
    }
}
