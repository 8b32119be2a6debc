package org.smimegateway.smime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import javax.mail.BodyPart;
import javax.mail.Multipart;
import javax.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class MimeStructureScannerTest {
    private static final MimeLimits GENEROUS = new MimeLimits(200, 10_000, 0);

    private static MimeShape scan(String message, MimeLimits limits) throws Exception {
        return MimeStructureScanner.scan(MimeEntities.parse(message.getBytes(StandardCharsets.UTF_8)), limits);
    }

    private static String mixed(String boundaryParameter, String body) {
        return "From: a@test\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed;" + boundaryParameter + "\r\n\r\n"
            + body;
    }

    @Test
    void measuresDepthAndPartsOfOrdinaryMail() throws Exception {
        String message = mixed(" boundary=\"outer\"", """
            preamble\r
            --outer\r
            Content-Type: text/plain\r
            \r
            hello\r
            --outer\r
            Content-Type: multipart/alternative;\r
             boundary=inner\r
            \r
            --inner\r
            Content-Type: text/plain\r
            \r
            --not-a-boundary\r
            --inner\r
            Content-Type: text/html\r
            \r
            <p>hello</p>\r
            --inner--\r
            --outer\r
            Content-Type: message/rfc822\r
            \r
            From: b@test\r
            Content-Type: multipart/mixed; boundary=deepest\r
            \r
            --deepest\r
            Content-Type: text/plain\r
            \r
            forwarded\r
            --deepest--\r
            --outer--\r
            epilogue\r
            """);

        MimeShape shape = scan(message, GENEROUS);

        // outer > message/rfc822 > deepest is three containers open at once.
        assertThat(shape.depth()).isEqualTo(3);
        assertThat(shape.parts()).isEqualTo(6);
        assertThat(shape.withinLimits()).isTrue();
        assertThat(shape.bytes()).isEqualTo(message.getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void aDelimiterOfAnOuterMultipartClosesTheUnterminatedInnerOnes() throws Exception {
        StringBuilder body = new StringBuilder();
        // Ten siblings, each opening a multipart that is never closed: nesting must not add up across siblings.
        for (int i = 0; i < 10; i++) {
            body.append("--outer\r\nContent-Type: multipart/mixed; boundary=open").append(i)
                .append("\r\n\r\n--open").append(i).append("\r\nContent-Type: text/plain\r\n\r\nx\r\n");
        }
        body.append("--outer--\r\n");

        MimeShape shape = scan(mixed(" boundary=outer", body.toString()), GENEROUS);

        assertThat(shape.depth()).isEqualTo(2);
        assertThat(shape.parts()).isEqualTo(20);
    }

    @Test
    void stopsAtTheDepthLimitOfAMessageNestedFifteenHundredLevels() throws Exception {
        MimeShape shape = scan(DeepMime.message("a@test", "b@test", 1500), new MimeLimits(32, 1000, 0));

        assertThat(shape.exceeded()).contains("MIME nested deeper than 32 levels");
        assertThat(shape.depth()).isEqualTo(33);
    }

    @Test
    void measuresFiftyThousandLevelsWithoutRecursion() throws Exception {
        MimeShape shape = MimeStructureScanner.scan(DeepMime.entity(50_000).getBytes(StandardCharsets.UTF_8),
            new MimeLimits(MimeLimits.DEPTH_CEILING, 1_000_000, 0));

        assertThat(shape.exceeded()).contains("MIME nested deeper than 256 levels");
    }

    @Test
    void countsPartsAgainstTheLimit() throws Exception {
        String body = "--b\r\nContent-Type: text/plain\r\n\r\nx\r\n".repeat(11) + "--b--\r\n";

        assertThat(scan(mixed(" boundary=b", body), new MimeLimits(5, 10, 0)).exceeded())
            .contains("more than 10 MIME parts");
        assertThat(scan(mixed(" boundary=b", body), new MimeLimits(5, 11, 0)).withinLimits()).isTrue();
    }

    @Test
    void aMultipartWithoutBoundaryParameterTakesItsFirstDashLineAsJavaMailDoes() throws Exception {
        String message = mixed("", "--x\r\nContent-Type: multipart/mixed\r\n\r\n--y\r\nContent-Type: text/plain\r\n\r\n"
            + "z\r\n--y--\r\n--x--\r\n");
        // JavaMail sees the same structure: the scanner must not see less than the parser.
        MimeMessage parsed = MimeEntities.parse(message.getBytes(StandardCharsets.UTF_8));
        BodyPart inner = ((Multipart) parsed.getContent()).getBodyPart(0);
        assertThat(((Multipart) inner.getContent()).getCount()).isEqualTo(1);

        assertThat(scan(message, GENEROUS).depth()).isEqualTo(2);
    }

    @Test
    void anEncodedContainerIsRefusedSinceWhatItHidesCannotBeMeasured() throws Exception {
        String message = mixed(" boundary=b", "--b\r\nContent-Type: message/rfc822\r\nContent-Transfer-Encoding: base64"
            + "\r\n\r\nRnJvbTogYUB0ZXN0DQo=\r\n--b--\r\n");

        assertThat(scan(message, GENEROUS).exceeded()).get().asString()
            .contains("message/rfc822 with Content-Transfer-Encoding base64");
    }

    @Test
    void reportsMailLargerThanTheSizeLimit() throws Exception {
        String message = mixed(" boundary=b", "--b\r\nContent-Type: text/plain\r\n\r\n" + "x".repeat(10_000) + "\r\n--b--\r\n");

        MimeShape shape = scan(message, new MimeLimits(5, 10, 4096));

        assertThat(shape.exceeded()).contains("larger than 4096 bytes");
    }

    @Test
    void readsBoundaryParametersQuotedOrNot() {
        assertThat(MimeStructureScanner.parameter("multipart/mixed; charset=x; BOUNDARY=\"a;b\\\"c\"", "boundary"))
            .isEqualTo("a;b\"c");
        assertThat(MimeStructureScanner.parameter("multipart/mixed;boundary=plain ; x=y", "boundary")).isEqualTo("plain");
        assertThat(MimeStructureScanner.parameter("multipart/mixed", "boundary")).isNull();
    }

    @Test
    void sevenBitConversionRefusesNestingBeyondTheEngineCeilingInsteadOfOverflowingTheStack() {
        byte[] deep = DeepMime.entity(1500).getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> MimeEntities.sevenBitSafe(deep)).isInstanceOf(LimitExceededException.class)
            .hasMessageContaining("nested deeper than 256 levels");
    }

    @Test
    void sevenBitConversionStillWorksAtTheEngineCeiling() throws Exception {
        byte[] converted = MimeEntities.sevenBitSafe(DeepMime.entity(MimeLimits.DEPTH_CEILING)
            .getBytes(StandardCharsets.UTF_8));

        String text = new String(converted, StandardCharsets.US_ASCII);
        assertThat(text).contains("Content-Transfer-Encoding: quoted-printable").contains("=C3=A9t=C3=A9");
    }

    @Test
    void aTopLevelContentTypeJavaMailCannotParseIsReportedSinceNoHeaderCouldBeChangedSafely() throws Exception {
        String bad = "From: a@test\r\nContent-Type: text/plain; charset=\"unterminated\r\n\r\nbody\r\n";
        String nestedBad = mixed(" boundary=b", "--b\r\nContent-Type: text/plain; charset=\"x\r\n\r\nx\r\n--b--\r\n");

        assertThat(scan(bad, GENEROUS).exceeded()).contains("a Content-Type that cannot be parsed");
        // Only the message's own Content-Type is parsed when James saves a changed header.
        assertThat(scan(nestedBad, GENEROUS).withinLimits()).isTrue();
    }

    @Test
    void scansAMessageWhoseHeadersChangedWithoutSavingIt() throws Exception {
        MimeMessage message = MimeEntities.parse(mixed(" boundary=b",
            "--b\r\nContent-Type: text/plain\r\n\r\nx\r\n--b--\r\n").getBytes(StandardCharsets.US_ASCII));
        message.addHeader("X-Changed", "yes");

        MimeShape shape = MimeStructureScanner.scan(message, GENEROUS);

        assertThat(shape.depth()).isEqualTo(1);
        assertThat(shape.parts()).isEqualTo(1);
        assertThat(message.getHeader("Message-ID")).isNull();
    }
}
