package org.smimegateway.mailets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;

import org.apache.james.core.MailAddress;
import org.apache.mailet.MailetContext;
import org.apache.mailet.base.GenericMailet;
import org.apache.mailet.base.GenericMatcher;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.apache.mailet.base.test.FakeMatcherConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smimegateway.keystore.testing.TestPki;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The mailetcontainer.xml snippets of the matchers' and the mailets' README are configuration operators copy: every
 * matcher and mailet of ours in them is built with exactly the documented condition and parameters and must pass
 * init(), with the relative paths resolved under a James home as James resolves them.
 */
class ReadmeSnippetsTest {
    private static final Pattern XML_BLOCK = Pattern.compile("```xml\\n(.*?)```", Pattern.DOTALL);
    private static final String OURS = "org.smimegateway.";

    @TempDir
    static Path home;
    private static String previousWorkingDirectory;

    @BeforeAll
    static void layOutJamesHome() throws Exception {
        TestPki pki = TestPki.create("Readme");
        KeystoreFiles.write(home.resolve("conf/smime-gateway"), pki, List.of(), List.of());
        Files.writeString(home.resolve("conf/smime-policy.xml"), "<policy/>");
        previousWorkingDirectory = System.setProperty("working.directory", home.toString());
    }

    @AfterAll
    static void restoreWorkingDirectory() {
        if (previousWorkingDirectory == null) {
            System.clearProperty("working.directory");
        } else {
            System.setProperty("working.directory", previousWorkingDirectory);
        }
    }

    @Test
    void everyMatcherAndMailetInTheMatchersReadmeSnippetsPassesInit() throws Exception {
        List<String> initialised = new ArrayList<>();

        List<String> failures = initialiseAll(Path.of("../matchers/README.md"), initialised);

        assertThat(failures).isEmpty();
        assertThat(initialised).contains("SmimeDecrypt", "SmimeSign", "SmimeEncrypt", "RecipientLocality",
            "SenderLocality", "IsSmimeEncrypted", "IsSmimeSigned", "SenderShouldSign", "RecipientEncryptMode",
            "RecipientSmimeAllowed", "RecipientHasEncryptionCertificate", "RecipientKeystoreUnavailable",
            "HasSubjectTrigger", "IsSignerVerifiedAndTrusted");
    }

    @Test
    void everyMatcherAndMailetInTheMailetsReadmeSnippetsPassesInit() throws Exception {
        List<String> initialised = new ArrayList<>();

        List<String> failures = initialiseAll(Path.of("README.md"), initialised);

        assertThat(failures).isEmpty();
        assertThat(initialised).contains("MimeStructureLimit", "StripSecurityInfoHeaders", "SmimeSign", "SmimeEncrypt",
            "SmimeDecrypt", "SmimeVerify", "RemoveSubjectTrigger");
    }

    private static List<String> initialiseAll(Path readme, List<String> initialised) throws Exception {
        String text = Files.readString(readme, StandardCharsets.UTF_8);
        List<String> failures = new ArrayList<>();
        Matcher block = XML_BLOCK.matcher(text);
        while (block.find()) {
            String xml = block.group(1);
            if (!xml.contains("<mailet") && !xml.contains("<matcher")) {
                continue; // a policy or keystore file, checked elsewhere
            }
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Element root = factory.newDocumentBuilder()
                .parse(new ByteArrayInputStream(("<snippet>" + xml + "</snippet>").getBytes(StandardCharsets.UTF_8)))
                .getDocumentElement();
            for (Element element : descendants(root)) {
                String match = element.getAttribute("match");
                if (match.startsWith(OURS)) {
                    initMatcher(readme, match, initialised, failures);
                }
                if (element.getTagName().equals("mailet") && element.getAttribute("class").startsWith(OURS)) {
                    initMailet(readme, element, initialised, failures);
                }
            }
        }
        return failures;
    }

    private static void initMatcher(Path readme, String match, List<String> initialised, List<String> failures) {
        int equals = match.indexOf('=');
        String className = equals < 0 ? match : match.substring(0, equals);
        String simpleName = className.substring(className.lastIndexOf('.') + 1);
        FakeMatcherConfig.Builder config = FakeMatcherConfig.builder().matcherName(simpleName).mailetContext(context());
        if (equals >= 0) {
            config.condition(match.substring(equals + 1));
        }
        try {
            GenericMatcher matcher = (GenericMatcher) Class.forName(className).getDeclaredConstructor().newInstance();
            matcher.init(config.build());
            initialised.add(simpleName);
        } catch (Exception e) {
            failures.add(readme + ": match=\"" + match + "\": " + e);
        }
    }

    private static void initMailet(Path readme, Element mailetElement, List<String> initialised, List<String> failures) {
        String className = mailetElement.getAttribute("class");
        String simpleName = className.substring(className.lastIndexOf('.') + 1);
        FakeMailetConfig.Builder config = FakeMailetConfig.builder().mailetName(simpleName).mailetContext(context());
        for (Node child = mailetElement.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element parameter) {
                config.setProperty(parameter.getTagName(), parameter.getTextContent().trim());
            }
        }
        try {
            GenericMailet mailet = (GenericMailet) Class.forName(className).getDeclaredConstructor().newInstance();
            mailet.init(config.build());
            initialised.add(simpleName);
        } catch (Exception e) {
            failures.add(readme + ": class=\"" + className + "\": " + e);
        }
    }

    private static MailetContext context() {
        try {
            return FakeMailContext.builder().postmaster(new MailAddress("postmaster@gateway.example.com")).build();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Element> descendants(Element root) {
        List<Element> result = new ArrayList<>();
        NodeList all = root.getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
            result.add((Element) all.item(i));
        }
        return result;
    }
}
