package org.smimegateway.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Lays out a James root folder the way an operator following README's "Installing" does: {@code conf/} is James
 * 3.8.1's STOCK configuration (the memory app zip's {@code conf/}, unpacked by the build), with the conf-samples
 * folders copied over it (the gateway sample holds the merged {@code mailetcontainer.xml}, {@code smtpserver.xml} and
 * {@code logback.xml}, which a test checks are exactly the documented merge applied to the stock files), and
 * {@code extensions-jars/} holding the drop-in jar.
 *
 * <p>Then, for tests only, and nothing else: every server binds to 127.0.0.1 on a free (or the requested) port, the
 * JMAP, WebAdmin and JMX ports too (all stay on, as stock has them); {@code conf/keystore}, the TLS key stock James
 * asks its operator to make with keytool, is made with keytool; and {@code RemoteDelivery} is replaced by a repository
 * the tests read, so nothing leaves the machine.
 */
public final class WorkingDirectory {
    static final String OUTGOING_REPOSITORY = "memory://var/mail/outgoing/";
    /** The password stock James's smtpserver.xml, imapserver.xml and jmap.properties give for conf/keystore. */
    static final String STOCK_KEYSTORE_SECRET = "james72laBalle";

    private static Path keystore;

    private WorkingDirectory() {
    }

    /** The ports the servers were given. */
    public record Ports(int smtp, int imap, int webAdmin) {
    }

    static Ports prepare(Path root, List<Path> samples, Path dropInJar, int smtpPort, int imapPort) throws Exception {
        Path conf = Files.createDirectories(root.resolve("conf"));
        copyTree(ProjectPaths.stockConf(), conf);
        for (Path sample : samples) {
            copyTree(sample, conf);
        }
        Ports ports = testOnlySettings(conf, smtpPort, imapPort);
        captureOutgoingDelivery(conf.resolve("mailetcontainer.xml"));
        Path extensions = Files.createDirectories(root.resolve("extensions-jars"));
        Files.copy(dropInJar, extensions.resolve(dropInJar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        return ports;
    }

    /**
     * The test-only changes to a merged stock conf/: loopback and free (or the given, 0 = free) ports for every server,
     * JMAP, WebAdmin and JMX, and a self-signed conf/keystore. Also used on the distribution's own folder.
     */
    public static Ports testOnlySettings(Path conf, int smtpPort, int imapPort) throws Exception {
        Ports ports = new Ports(smtpPort == 0 ? freePort() : smtpPort, imapPort == 0 ? freePort() : imapPort,
            freePort());
        bindToLoopback(conf.resolve("smtpserver.xml"), ports.smtp());
        bindToLoopback(conf.resolve("imapserver.xml"), ports.imap());
        setProperty(conf.resolve("jmap.properties"), "jmap.port", String.valueOf(freePort()));
        setProperty(conf.resolve("webadmin.properties"), "port", String.valueOf(ports.webAdmin()));
        setProperty(conf.resolve("jmx.properties"), "jmx.port", String.valueOf(freePort()));
        Files.copy(keystore(), conf.resolve("keystore"), StandardCopyOption.REPLACE_EXISTING);
        return ports;
    }

    /** Files an operator copies: not the samples' own documentation, nor the merge guide that made the merged files. */
    private static boolean isConfiguration(Path file) {
        String name = file.getFileName().toString();
        return !name.startsWith("README") && !name.equals("merge.xml");
    }

    public static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            files.forEach(source -> {
                Path target = to.resolve(from.relativize(source).toString());
                try {
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(target);
                    } else if (isConfiguration(source)) {
                        Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** The first server (stock: 25, 143) gets {@code port}; the others (465, 587, 993) free ports. */
    private static void bindToLoopback(Path serverXml, int port) throws Exception {
        Document document = parse(serverXml);
        NodeList binds = document.getElementsByTagName("bind");
        for (int i = 0; i < binds.getLength(); i++) {
            binds.item(i).setTextContent("127.0.0.1:" + (i == 0 ? port : freePort()));
        }
        write(document, serverXml);
    }

    private static void setProperty(Path properties, String key, String value) throws IOException {
        List<String> lines = Files.readAllLines(properties, StandardCharsets.UTF_8);
        List<String> kept = lines.stream().filter(line -> !line.strip().startsWith(key + "=")).toList();
        Files.write(properties, Stream.concat(kept.stream(), Stream.of(key + "=" + value)).toList(), StandardCharsets.UTF_8);
    }

    /** Made once per test JVM, as stock James's README asks: keytool -genkey -alias james -keyalg RSA ... */
    private static synchronized Path keystore() throws Exception {
        if (keystore == null) {
            Path dir = Files.createTempDirectory("james-keystore");
            Path file = dir.resolve("keystore");
            Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
            Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "james", "-keyalg", "RSA",
                "-keysize", "2048", "-storetype", "PKCS12", "-keystore", file.toString(), "-storepass",
                STOCK_KEYSTORE_SECRET, "-keypass", STOCK_KEYSTORE_SECRET, "-dname", "CN=localhost", "-validity", "30")
                .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + output);
            }
            file.toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
            keystore = file;
        }
        return keystore;
    }

    private static void captureOutgoingDelivery(Path mailetContainer) throws Exception {
        Document document = parse(mailetContainer);
        NodeList mailets = document.getElementsByTagName("mailet");
        for (int i = mailets.getLength() - 1; i >= 0; i--) {
            Element mailet = (Element) mailets.item(i);
            if (mailet.getAttribute("class").equals("RemoteDelivery")) {
                Element capture = document.createElement("mailet");
                capture.setAttribute("match", mailet.getAttribute("match"));
                capture.setAttribute("class", "ToRepository");
                Element path = document.createElement("repositoryPath");
                path.setTextContent(OUTGOING_REPOSITORY);
                capture.appendChild(path);
                mailet.getParentNode().replaceChild(capture, mailet);
            }
        }
        write(document, mailetContainer);
    }

    private static Document parse(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(file.toFile());
    }

    private static void write(Document document, Path file) throws Exception {
        var transformer = TransformerFactory.newInstance().newTransformer();
        transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
        transformer.transform(new DOMSource(document), new StreamResult(file.toFile()));
    }
}
