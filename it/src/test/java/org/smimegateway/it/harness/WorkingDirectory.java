package org.smimegateway.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.List;
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
 * Lays out a James root folder: {@code conf/} from the James base files overlaid with a conf-samples folder, and
 * {@code extensions-jars/} holding the drop-in jar. Two things are changed so that nothing leaves the machine:
 * servers bind to loopback on the requested ports, and {@code RemoteDelivery} is replaced by a repository that
 * tests read.
 */
final class WorkingDirectory {
    static final String OUTGOING_REPOSITORY = "memory://var/mail/outgoing/";

    private WorkingDirectory() {
    }

    static void prepare(Path root, List<Path> samples, Path dropInJar, int smtpPort, int imapPort, List<String> domains)
        throws Exception {
        Path conf = Files.createDirectories(root.resolve("conf"));
        copyTree(baseConfiguration(), conf);
        for (Path sample : samples) {
            copyTree(sample, conf);
        }
        declareDomains(conf.resolve("domainlist.xml"), domains);
        bindToLoopback(conf.resolve("smtpserver.xml"), smtpPort);
        bindToLoopback(conf.resolve("imapserver.xml"), imapPort);
        captureOutgoingDelivery(conf.resolve("mailetcontainer.xml"));
        Path extensions = Files.createDirectories(root.resolve("extensions-jars"));
        Files.copy(dropInJar, extensions.resolve(dropInJar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
    }

    private static Path baseConfiguration() throws URISyntaxException {
        URL url = WorkingDirectory.class.getClassLoader().getResource("james-base-conf");
        if (url == null) {
            throw new IllegalStateException("james-base-conf is missing from the test classpath");
        }
        return Paths.get(url.toURI());
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            files.forEach(source -> {
                Path target = to.resolve(from.relativize(source).toString());
                try {
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(target);
                    } else if (!source.getFileName().toString().equals("README.md")) {
                        Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    private static void bindToLoopback(Path serverXml, int port) throws Exception {
        Document document = parse(serverXml);
        NodeList binds = document.getElementsByTagName("bind");
        for (int i = 0; i < binds.getLength(); i++) {
            binds.item(i).setTextContent("127.0.0.1:" + port);
        }
        write(document, serverXml);
    }

    /** Domains exist before the mailet container starts, so the postmaster's domain is local from the first mail on. */
    private static void declareDomains(Path domainList, List<String> domains) throws Exception {
        if (domains.isEmpty()) {
            return;
        }
        Document document = parse(domainList);
        Element root = document.getDocumentElement();
        Element names = document.createElement("domainnames");
        for (String domain : domains) {
            Element name = document.createElement("domainname");
            name.setTextContent(domain);
            names.appendChild(name);
        }
        root.appendChild(names);
        root.getElementsByTagName("defaultDomain").item(0).setTextContent(domains.get(0));
        write(document, domainList);
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
