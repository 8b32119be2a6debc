package org.smimegateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.smimegateway.it.harness.JamesGateway.RepositoryMail;
import org.smimegateway.it.harness.JamesGatewayExtension;
import org.smimegateway.it.tools.OpenSslCms;
import org.smimegateway.it.tools.OpenSslPki;

/**
 * Every class of odd header, on plain and on validly signed mail from outside to a local user, through the sample
 * pipeline of a real James: each message is delivered, or kept intact in one of the gateway's named repositories;
 * none ends in James's error repository, none is lost.
 */
class OddHeadersIT {
    private static final String PASSWORD = "secret";
    private static final String BOB = "bob@gateway.test";
    private static final String DAVE = "dave@remote.test";
    private static final String ERROR = "memory://var/mail/error/";
    private static final List<String> NAMED = List.of("memory://var/mail/smime-error/",
        "memory://var/mail/structure-limit/");

    private static Path pkiDir;
    private static OpenSslPki.Identity dave;

    @RegisterExtension
    static JamesGatewayExtension james = JamesGatewayExtension.sample("gateway")
        .domain("gateway.test")
        .user(BOB, PASSWORD)
        .beforeStart(OddHeadersIT::provisionKeystore);

    private static void provisionKeystore(Path root) throws Exception {
        pkiDir = Files.createDirectories(root.resolve("pki"));
        OpenSslPki pki = OpenSslPki.create(pkiDir, "Odd Headers CA");
        dave = pki.issue(DAVE);
        Files.copy(pki.caCertificate(), root.resolve("conf/smime-gateway/store/anchors/ca.pem"));
    }

    /** An odd header class: what replaces the From field (null: keep it) and further header lines. */
    private record Odd(String name, String from, String headers, boolean dropMimeVersion, String contentHeaders) {
    }

    private static final String HUGE = "X-Huge: " + "word ".repeat(12).repeat(1000).trim().replaceAll("(.{70}) ", "$1\r\n ");

    private static List<Odd> odds() {
        return List.of(
            new Odd("unparseable-from", "From: <<not@@an address>>,,", "", false, null),
            new Odd("display-name-only-from", "From: Just A Name", "", false, null),
            new Odd("two-from-fields", "From: dave@remote.test\r\nFrom: ceo@gateway.test", "", false, null),
            new Odd("empty-from", "From:", "", false, null),
            new Odd("no-from", "", "", false, null),
            new Odd("bad-date", null, "Date: the day after yesterday, 99:99\r\n", false, null),
            new Odd("eight-bit-headers", null, "Subject: caf\u00e9 \u00fcber alles\r\nX-Note: \u00e4\u00f6\u00fc\r\n", false, null),
            new Odd("huge-header", null, HUGE + "\r\n", false, null),
            new Odd("missing-mime-version", null, "", true, null),
            new Odd("bad-content-type", null, "", false, "Content-Type: text/plain; charset=\"unterminated; ;;=\r\n"),
            new Odd("bad-charset", null, "", false, "Content-Type: text/plain; charset=x-no-such-charset\r\n"),
            new Odd("bad-transfer-encoding", null, "", false,
                "Content-Type: text/plain\r\nContent-Transfer-Encoding: x-unheard-of\r\n"));
    }

    private static String plain(Odd odd) {
        String content = odd.contentHeaders() == null ? "Content-Type: text/plain; charset=us-ascii\r\n" : odd.contentHeaders();
        return headers(odd, "plain") + content + "\r\nOdd header class " + odd.name() + ".\r\n";
    }

    private static String headers(Odd odd, String kind) {
        String from = odd.from() == null ? "From: " + DAVE : odd.from();
        return (from.isEmpty() ? "" : from + "\r\n") + "To: " + BOB + "\r\nX-Case: " + odd.name() + "-" + kind
            + "\r\nMessage-ID: <" + odd.name() + "-" + kind + "@test>\r\n" + odd.headers()
            + (odd.dropMimeVersion() ? "" : "MIME-Version: 1.0\r\n");
    }

    /** Dave's valid clear signature over the content; the odd headers around it, where mail headers live. */
    private static String signed(Odd odd, OpenSslCms openssl) throws Exception {
        String content = odd.contentHeaders() == null ? "Content-Type: text/plain; charset=us-ascii\r\n" : odd.contentHeaders();
        byte[] entity = (content + "\r\nSigned, odd header class " + odd.name() + ".\r\n").getBytes(StandardCharsets.ISO_8859_1);
        String signed = new String(openssl.sign(entity, dave, BOB, "signed"), StandardCharsets.ISO_8859_1)
            .replaceAll("\r?\n", "\r\n");
        String body = signed.substring(signed.indexOf("\r\n\r\n") + 4);
        String contentType = signed.substring(0, signed.indexOf("\r\n\r\n") + 2).lines()
            .dropWhile(line -> !line.startsWith("Content-Type:")).reduce("", (a, b) -> a + b + "\r\n");
        return headers(odd, "signed") + contentType + "\r\n" + body;
    }

    private static String text(byte[] message) {
        return new String(message, StandardCharsets.ISO_8859_1);
    }

    private static String caseOf(byte[] message) {
        String text = text(message);
        int at = text.indexOf("\r\nX-Case: ");
        return at < 0 ? "" : text.substring(at + 10, text.indexOf("\r\n", at + 10));
    }

    @Test
    void everyOddHeaderClassIsDeliveredOrKeptInANamedPlaceNeverInTheErrorRepository() throws Exception {
        OpenSslCms openssl = new OpenSslCms(Files.createDirectories(pkiDir.resolve("work")));
        List<String> cases = new ArrayList<>();
        for (Odd odd : odds()) {
            james.client().deliver(DAVE, List.of(BOB), plain(odd).getBytes(StandardCharsets.ISO_8859_1));
            james.client().deliver(DAVE, List.of(BOB), signed(odd, openssl).getBytes(StandardCharsets.ISO_8859_1));
            cases.add(odd.name() + "-plain");
            cases.add(odd.name() + "-signed");
        }

        Map<String, String> where = Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
            .until(OddHeadersIT::whereEachCaseIs, found -> found.keySet().containsAll(cases));

        System.out.println("Odd headers through real James: " + where);
        assertThat(james.gateway().repository(ERROR)).extracting(m -> caseOf(m.message())).isEmpty();
        assertThat(where).doesNotContainValue(ERROR);
        // Plain mail has no signature whose signer could be matched: it reaches the mailbox, except mail whose own
        // Content-Type JavaMail cannot parse (James can neither write nor store it once a header changes): kept
        // intact in structure-limit, before any mailet changes a header. (Signed, the bad Content-Type is inside the
        // signed content, which nobody needs to parse: delivered.) Every other case, plain or signed, is delivered.
        assertThat(where).allSatisfy((name, place) -> {
            if (name.equals("bad-content-type-plain")) {
                assertThat(place).as(name).isEqualTo("memory://var/mail/structure-limit/");
            } else {
                // Signed too: an author field we cannot read gets a verdict (permerror), never an exception.
                assertThat(place).as(name).isEqualTo("INBOX");
            }
        });
        RepositoryMail badContentType = james.gateway().repository("memory://var/mail/structure-limit/").stream()
            .filter(m -> caseOf(m.message()).equals("bad-content-type-plain")).findFirst().orElseThrow();
        Odd odd = odds().stream().filter(o -> o.name().equals("bad-content-type")).findFirst().orElseThrow();
        // Byte for byte as sent, below the Received header James adds on arrival.
        assertThat(text(badContentType.message())).endsWith(plain(odd)).doesNotContain("X-Smime-Gateway-Limit");
        assertThat(badContentType.attributes())
            .containsEntry("smimegateway.limit", "MimeStructureLimit: a Content-Type that cannot be parsed");
    }

    /** The place of each case: INBOX, a named repository or James's error repository. */
    private static Map<String, String> whereEachCaseIs() throws Exception {
        Map<String, String> where = new LinkedHashMap<>();
        james.client().inbox(BOB, PASSWORD).forEach(m -> where.put(caseOf(m), "INBOX"));
        for (String repository : NAMED) {
            for (RepositoryMail mail : james.gateway().repository(repository)) {
                where.put(caseOf(mail.message()), repository);
            }
        }
        for (RepositoryMail mail : james.gateway().repository(ERROR)) {
            where.put(caseOf(mail.message()), ERROR);
        }
        where.remove("");
        return where;
    }
}
