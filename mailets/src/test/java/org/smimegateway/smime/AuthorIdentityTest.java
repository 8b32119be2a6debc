package org.smimegateway.smime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import javax.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The identity rules of {@link AuthorIdentity}, one case each (the table in mailets/README.md). */
class AuthorIdentityTest {
    private static final List<String> DAVE = List.of("dave@remote.test");

    private static AuthorIdentity authors(String[] from, String... sender) {
        return AuthorIdentity.of(from, sender.length == 0 ? null : sender);
    }

    private static String[] from(String... fields) {
        return fields;
    }

    private static Optional<VerdictReason> reason(AuthorIdentity authors, List<String> signer) {
        return authors.check(signer).map(SmimeVerdict::reason);
    }

    @Test
    void oneFromAddressCoveredByTheSignerVouches() {
        AuthorIdentity authors = authors(from("Dave <dave@remote.test>"));

        assertThat(authors.check(DAVE)).isEmpty();
        assertThat(authors.authors()).containsExactly("dave@remote.test");
        assertThat(authors.flag()).isEmpty();
    }

    @Test
    void addressesCompareWithoutRegardToCase() {
        assertThat(authors(from("Dave@Remote.TEST")).check(DAVE)).isEmpty();
        assertThat(authors(from("dave@remote.test")).check(List.of("DAVE@remote.test"))).isEmpty();
    }

    @Test
    void aSignerOfOneOfTwoAuthorsDoesNotVouch() {
        AuthorIdentity authors = authors(from("dave@remote.test, ceo@corp.example"), "dave@remote.test");

        assertThat(authors.check(DAVE)).hasValueSatisfying(verdict -> {
            assertThat(verdict.reason()).isEqualTo(VerdictReason.SIGNER_NOT_AUTHOR);
            assertThat(verdict.result()).isEqualTo(SmimeResult.POLICY);
            assertThat(verdict.sentence())
                .isEqualTo("signed by dave@remote.test, but From shows dave@remote.test, ceo@corp.example");
        });
    }

    @Test
    void aCertificateCoveringEveryAuthorVouchesWhenSenderIsPresent() {
        AuthorIdentity authors = authors(from("dave@remote.test, dave2@remote.test"), "dave@remote.test");

        assertThat(authors.check(List.of("dave@remote.test", "dave2@remote.test"))).isEmpty();
    }

    @Test
    void severalAuthorsWithoutSenderNeverVouchEvenWhenAllAreCovered() {
        AuthorIdentity authors = authors(from("dave@remote.test, dave2@remote.test"));

        assertThat(authors.check(List.of("dave@remote.test", "dave2@remote.test"))).hasValueSatisfying(verdict -> {
            assertThat(verdict.reason()).isEqualTo(VerdictReason.SENDER_MISSING);
            assertThat(verdict.result()).isEqualTo(SmimeResult.PERMERROR);
            assertThat(verdict.sentence()).isEqualTo("From names 2 authors but there is no Sender field saying who sent it");
        });
    }

    @Test
    void twoFromFieldsNeverVouchEvenWhenBothAreTheSigner() {
        AuthorIdentity authors = authors(from("dave@remote.test", "dave@remote.test"));

        assertThat(authors.check(DAVE)).hasValueSatisfying(verdict -> {
            assertThat(verdict.reason()).isEqualTo(VerdictReason.FROM_REPEATED);
            assertThat(verdict.sentence()).isEqualTo("the message has 2 From fields, so it is unclear who wrote it");
        });
        assertThat(reason(authors(from("dave@remote.test", "ceo@corp.example")), DAVE)).hasValue(VerdictReason.FROM_REPEATED);
    }

    @Test
    void aSenderNeedNotHaveSignedWhenTheAuthorDid() {
        assertThat(authors(from("dave@remote.test"), "lists@remote.test").check(DAVE)).isEmpty();
    }

    @Test
    void theSendersSignatureDoesNotVouchForSomeoneElsesFrom() {
        AuthorIdentity authors = authors(from("boss@remote.test"), "dave@remote.test");

        assertThat(authors.check(DAVE)).map(SmimeVerdict::sentence)
            .hasValue("signed by dave@remote.test, but From shows boss@remote.test");
    }

    @Test
    void aSenderThatIsNotOneReadableMailboxNeverVouches() {
        assertThat(reason(authors(from("dave@remote.test"), "a@remote.test, b@remote.test"), DAVE))
            .hasValue(VerdictReason.SENDER_UNREADABLE);
        assertThat(reason(authors(from("dave@remote.test"), "a@remote.test", "b@remote.test"), DAVE))
            .hasValue(VerdictReason.SENDER_UNREADABLE);
        assertThat(reason(authors(from("dave@remote.test"), "Only A Name"), DAVE))
            .hasValue(VerdictReason.SENDER_UNREADABLE);
    }

    @Test
    void aDisplayNameShowingAnotherAddressIsFlaggedEvenForTheRealSigner() {
        AuthorIdentity authors = authors(from("\"ceo@corp.example\" <mallory@evil.example>"));

        assertThat(authors.check(List.of("mallory@evil.example"))).hasValueSatisfying(verdict -> {
            assertThat(verdict.reason()).isEqualTo(VerdictReason.DISPLAY_NAME_MISMATCH);
            assertThat(verdict.result()).isEqualTo(SmimeResult.POLICY);
            assertThat(verdict.sentence())
                .isEqualTo("From shows the name \"ceo@corp.example\", but the address is mallory@evil.example");
        });
        assertThat(authors.flag()).map(SmimeVerdict::reason).hasValue(VerdictReason.DISPLAY_NAME_MISMATCH);
        assertThat(authors.misleadingDisplayNames()).singleElement()
            .isEqualTo(new AuthorIdentity.Mailbox("mallory@evil.example", "ceo@corp.example"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "\"The CEO (ceo@corp.example)\" <mallory@evil.example>",
        "\"ceo\uFF20corp.example\" <mallory@evil.example>",
        "=?utf-8?B?Y2VvQGNvcnAuZXhhbXBsZQ==?= <mallory@evil.example>",
        "mallory@evil.example (ceo@corp.example)",
        "\"CEO@Corp.Example\" <mallory@evil.example>"})
    void displayNameDeceptionIsFoundInQuotedEncodedFullWidthAndCommentForms(String field) {
        assertThat(reason(authors(from(field)), List.of("mallory@evil.example"))).hasValue(VerdictReason.DISPLAY_NAME_MISMATCH);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"mallory@evil.example\" <mallory@evil.example>", "\"Mallory M.\" <mallory@evil.example>",
        "\"Mallory at evil.example\" <mallory@evil.example>"})
    void aDisplayNameWithoutAnotherAddressIsNotFlagged(String field) {
        assertThat(authors(from(field)).check(List.of("mallory@evil.example"))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Only A Name", "\"Only A Name\"", "undisclosed-recipients:;", "group: dave@remote.test;",
        "dave@", "@remote.test", "<>", "", "dave@remote.test, \"Only A Name\""})
    void anUnreadableFromIsAPermerrorNotAnException(String field) {
        AuthorIdentity authors = authors(from(field));

        assertThat(authors.check(DAVE)).hasValueSatisfying(verdict -> {
            assertThat(verdict.reason()).isEqualTo(VerdictReason.FROM_UNREADABLE);
            assertThat(verdict.result()).isEqualTo(SmimeResult.PERMERROR);
            assertThat(verdict.sentence()).isEqualTo("the From field does not hold a readable e-mail address");
        });
        assertThat(authors.flag()).isPresent();
    }

    @Test
    void anAbsentFromIsAPermerror() {
        assertThat(authors(null).check(DAVE)).hasValueSatisfying(verdict -> {
            assertThat(verdict.reason()).isEqualTo(VerdictReason.FROM_MISSING);
            assertThat(verdict.sentence()).isEqualTo("the message has no From field, so its author is unknown");
        });
        assertThat(reason(authors(from()), DAVE)).hasValue(VerdictReason.FROM_MISSING);
    }

    @Test
    void aSenderAloneIsNotAnAuthor() throws Exception {
        // javax.mail's getFrom() falls back to Sender when From is absent; the identity rules do not.
        MimeMessage message = MimeEntities.parse(("Sender: dave@remote.test\r\nSubject: x\r\n\r\nbody\r\n")
            .getBytes(StandardCharsets.US_ASCII));

        assertThat(message.getFrom()).isNotNull();
        assertThat(reason(AuthorIdentity.of(message), DAVE)).hasValue(VerdictReason.FROM_MISSING);
    }

    @Test
    void aMessageIsReadFromItsHeaderFieldsFoldedOr8Bit() throws Exception {
        MimeMessage message = MimeEntities.parse(("From: \"D\u00e4ve\"\r\n <dave@remote.test>\r\nSubject: x\r\n\r\nbody\r\n")
            .getBytes(StandardCharsets.UTF_8));

        assertThat(AuthorIdentity.of(message).check(DAVE)).isEmpty();
    }

    @Test
    void aSignerWithoutAnyAddressNeverVouches() {
        assertThat(authors(from("dave@remote.test")).check(List.of())).map(SmimeVerdict::sentence)
            .hasValue("signed by a certificate without an e-mail address, but From shows dave@remote.test");
    }
}
