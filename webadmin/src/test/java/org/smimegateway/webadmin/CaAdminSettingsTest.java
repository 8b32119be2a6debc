package org.smimegateway.webadmin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smimegateway.admin.pkcs12.Pkcs12Encryption;
import org.smimegateway.admin.sms.PasswordNotice;

class CaAdminSettingsTest {
    @TempDir
    Path dir;

    @Test
    void defaultsFollowTheCliLayoutAndTheFileChannel() {
        CaAdminSettings settings = CaAdminSettings.from(AdminSettings.of(Map.of("store", dir.resolve("store").toString())));
        assertThat(settings.caDirectory()).isEqualTo(dir.resolve("store/ca"));
        assertThat(settings.pfxDirectory()).isEqualTo(dir.resolve("store/ca/pkcs12"));
        assertThat(settings.passwordChannel()).isEqualTo("file");
        assertThat(settings.channelOptions()).containsEntry("file", dir.resolve("store/ca/passwords.tsv").toString());
        assertThat(settings.mailState()).isEqualTo("relay");
        assertThat(settings.crlDays()).isEqualTo(7);
        assertThat(settings.pkcs12Encryption()).isEqualTo(Pkcs12Encryption.AES_256_PBKDF2);
        assertThat(settings.mailFrom()).isEmpty();
    }

    @Test
    void aMissingPasswordFileOrSenderIsNamedByItsKey() {
        CaAdminSettings settings = CaAdminSettings.from(AdminSettings.of(Map.of(
            "ca.passwordFile", dir.resolve("nowhere").toString())));
        assertThatThrownBy(settings::caPassword).hasMessageContaining("'ca.passwordFile'")
            .hasMessageContaining("nowhere");
        assertThatThrownBy(settings::mailSettings).hasMessageContaining("'ca.mail.from' is not set");
    }

    @Test
    void theConsoleChannelIsRefusedBecauseItWouldPrintPasswordsIntoJamesLog() {
        CaAdminSettings settings = CaAdminSettings.from(AdminSettings.of(Map.of("ca.passwordChannel", "Console")));
        assertThatThrownBy(settings::openChannel).hasMessageContaining("James's log");
    }

    @Test
    void channelOptionsComeFromTheirPrefixedKeysAndTheFileChannelWritesWhereTold() throws Exception {
        Path file = dir.resolve("out/passwords.tsv");
        CaAdminSettings settings = CaAdminSettings.from(AdminSettings.of(Map.of(
            "ca.passwordChannel", "file", "ca.passwordChannel.file", file.toString())));
        settings.openChannel().send(new PasswordNotice("a@b.test", java.util.Optional.empty(), "pw".toCharArray()));
        assertThat(Files.readString(file)).isEqualTo("a@b.test\t\tpw" + System.lineSeparator());
    }

    @Test
    void anUnknownPkcs12EncryptionIsRefusedWithTheAcceptedValues() {
        assertThatThrownBy(() -> CaAdminSettings.from(AdminSettings.of(Map.of("ca.pkcs12.encryption", "rc2"))))
            .hasMessageContaining("'ca.pkcs12.encryption'").hasMessageContaining("LEGACY_3DES");
    }

    @Test
    void theSampleSettingsAreReadAsDocumented() {
        Path sample = Path.of("..", "conf-samples", "gateway", "smime-gateway", "admin.properties");
        AdminSettings admin = AdminSettings.load(sample);
        CaAdminSettings settings = CaAdminSettings.from(admin);
        assertThat(settings.mailFrom()).contains("certificates@gateway.test");
        assertThat(settings.mailState()).isEqualTo("relay");
        MailRepositorySettings mail = MailRepositorySettings.from(admin);
        assertThat(mail.repositories().get("held").url()).isEqualTo("memory://var/mail/held/");
        assertThat(mail.repositories().get("quarantine").releaseState()).isEqualTo("outgoing");
        assertThat(mail.repositories().get("smime-error").releaseState()).isEqualTo("root");
    }
}
