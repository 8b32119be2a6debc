package org.smimegateway.webadmin;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import org.smimegateway.policy.SecureXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * The policy file as an XML document that one rule at a time is edited in (WebAdmin {@code /smime-gateway/policy/rules}).
 * Edits touch only the rule they name: comments, other rules, their order and the text before and after the root
 * element stay as they were. It does not judge values; the caller validates the result with the real parser.
 */
final class PolicyDocument {
    /** The three kinds of rule an operator edits. */
    enum Level {
        GLOBAL("global", null), DOMAIN("domain", "name"), USER("user", "address");

        final String element;
        final String key;

        Level(String element, String key) {
            this.element = element;
            this.key = key;
        }
    }

    /** One setting as the file writes it: the element's text and, for subjectTrigger, its attributes. */
    record Value(String text, Map<String, String> attributes) {
        Value {
            attributes = Map.copyOf(attributes);
        }
    }

    private final String prolog;
    private final String epilog;
    private final Document document;

    private PolicyDocument(String prolog, String epilog, Document document) {
        this.prolog = prolog;
        this.epilog = epilog;
        this.document = document;
    }

    /** @throws IllegalArgumentException when the bytes are not well-formed XML (or carry a DOCTYPE) */
    static PolicyDocument parse(byte[] xml) {
        String text = new String(xml, StandardCharsets.UTF_8);
        Document document;
        try {
            var builder = SecureXml.documentBuilder();
            document = builder.parse(new ByteArrayInputStream(xml));
        } catch (SAXException | IOException e) {
            throw new IllegalArgumentException("the policy file is not well-formed XML: " + e.getMessage(), e);
        }
        String root = document.getDocumentElement().getTagName();
        int start = rootStart(text);
        int close = text.lastIndexOf("</" + root);
        int end = close < 0 ? text.indexOf('>', start) + 1 : text.indexOf('>', close) + 1;
        return new PolicyDocument(text.substring(0, start), text.substring(end), document);
    }

    /** The explicit settings of every rule, in file order: global first, then domains, then users. */
    Map<String, Object> rules() {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("global", find(Level.GLOBAL, null).map(PolicyDocument::settings).orElse(Map.of()));
        for (Level level : List.of(Level.DOMAIN, Level.USER)) {
            List<Map<String, Object>> rules = new ArrayList<>();
            for (Element rule : children(document.getDocumentElement(), level.element)) {
                Map<String, Object> shown = new LinkedHashMap<>();
                shown.put(level.key, rule.getAttribute(level.key).trim());
                shown.put("settings", settings(rule));
                rules.add(shown);
            }
            answer.put(level == Level.DOMAIN ? "domains" : "users", rules);
        }
        return answer;
    }

    /** Whether a rule for {@code name} (a domain pattern or address, case-insensitive; ignored for global) exists. */
    boolean has(Level level, String name) {
        return find(level, name).isPresent();
    }

    /**
     * Makes the rule set exactly {@code settings}: existing setting elements keep their place and get the new
     * value, the ones not given are removed, new ones are appended; a missing rule is added after the last rule of
     * its kind (or where that kind belongs).
     */
    void put(Level level, String name, Map<String, Value> settings) {
        Element rule = find(level, name).orElseGet(() -> insert(level, name));
        for (Element element : children(rule, null)) {
            if (!settings.containsKey(element.getTagName())) {
                removeWithIndent(element);
            }
        }
        String indent = indentOf(rule) + "    ";
        settings.forEach((key, value) -> {
            Element element = children(rule, key).stream().findFirst().orElseGet(() -> {
                Element created = document.createElement(key);
                Node closing = rule.getLastChild();
                if (closing != null && isBlank(closing)) {
                    rule.insertBefore(document.createTextNode("\n" + indent), closing);
                    rule.insertBefore(created, closing);
                } else {
                    rule.appendChild(document.createTextNode("\n" + indent));
                    rule.appendChild(created);
                    rule.appendChild(document.createTextNode("\n" + indentOf(rule)));
                }
                return created;
            });
            element.setTextContent(value.text());
            List<String> stale = new ArrayList<>();
            for (int i = 0; i < element.getAttributes().getLength(); i++) {
                stale.add(element.getAttributes().item(i).getNodeName());
            }
            stale.forEach(element::removeAttribute);
            value.attributes().forEach(element::setAttribute);
        });
    }

    /** Removes the rule; false when there is none. */
    boolean remove(Level level, String name) {
        Optional<Element> rule = find(level, name);
        rule.ifPresent(PolicyDocument::removeWithIndent);
        return rule.isPresent();
    }

    byte[] bytes() {
        try {
            var transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            StringWriter root = new StringWriter();
            transformer.transform(new DOMSource(document.getDocumentElement()), new StreamResult(root));
            return (prolog + root + epilog).getBytes(StandardCharsets.UTF_8);
        } catch (TransformerException e) {
            throw new IllegalStateException("cannot write the policy document", e);
        }
    }

    private Optional<Element> find(Level level, String name) {
        return children(document.getDocumentElement(), level.element).stream()
            .filter(rule -> level.key == null || normalize(rule.getAttribute(level.key)).equals(normalize(name)))
            .findFirst();
    }

    private Element insert(Level level, String name) {
        Element root = document.getDocumentElement();
        Element rule = document.createElement(level.element);
        if (level.key != null) {
            rule.setAttribute(level.key, normalize(name));
        }
        List<String> after = switch (level) {
            case GLOBAL -> List.of("trace");
            case DOMAIN -> List.of("domain", "global", "trace");
            case USER -> List.of("user", "domain", "global", "trace");
        };
        Element anchor = null;
        for (String kind : after) {
            List<Element> found = children(root, kind);
            if (!found.isEmpty()) {
                anchor = found.get(found.size() - 1);
                break;
            }
        }
        String indent = anchor == null ? "    " : indentOf(anchor);
        Node before = anchor == null ? trailingBlank(root) : anchor.getNextSibling();
        root.insertBefore(document.createTextNode("\n" + indent), before);
        root.insertBefore(rule, before);
        if (before == null) {
            root.appendChild(document.createTextNode("\n"));
        }
        rule.appendChild(document.createTextNode("\n" + indent));
        return rule;
    }

    private static Node trailingBlank(Element parent) {
        Node last = parent.getLastChild();
        return last != null && isBlank(last) ? last : null;
    }

    /** The white space before an element on its line, "    " when it does not stand on a line of its own. */
    private static String indentOf(Element element) {
        Node previous = element.getPreviousSibling();
        if (previous != null && isBlank(previous)) {
            String space = previous.getNodeValue();
            int newline = space.lastIndexOf('\n');
            if (newline >= 0) {
                return space.substring(newline + 1);
            }
        }
        return "    ";
    }

    private static void removeWithIndent(Element element) {
        Node previous = element.getPreviousSibling();
        if (previous != null && isBlank(previous)) {
            element.getParentNode().removeChild(previous);
        }
        element.getParentNode().removeChild(element);
    }

    private static boolean isBlank(Node node) {
        return node.getNodeType() == Node.TEXT_NODE && node.getNodeValue().isBlank();
    }

    private static Map<String, Object> settings(Element rule) {
        Map<String, Object> settings = new LinkedHashMap<>();
        for (Element element : children(rule, null)) {
            String text = element.getTextContent().trim();
            if (element.getAttributes().getLength() == 0) {
                settings.put(element.getTagName(), text);
                continue;
            }
            Map<String, Object> withAttributes = new LinkedHashMap<>();
            withAttributes.put("value", text);
            for (int i = 0; i < element.getAttributes().getLength(); i++) {
                Node attribute = element.getAttributes().item(i);
                withAttributes.put(attribute.getNodeName(), attribute.getNodeValue());
            }
            settings.put(element.getTagName(), withAttributes);
        }
        return settings;
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element && (name == null || element.getTagName().equals(name))) {
                found.add(element);
            }
        }
        return found;
    }

    private static String normalize(String name) {
        return name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    }

    /** Where the root element starts: after the XML declaration, processing instructions, comments and space. */
    private static int rootStart(String text) {
        int at = 0;
        while (true) {
            int open = text.indexOf('<', at);
            if (open < 0) {
                return text.length();
            }
            if (text.startsWith("<?", open)) {
                at = text.indexOf("?>", open) + 2;
            } else if (text.startsWith("<!--", open)) {
                at = text.indexOf("-->", open) + 3;
            } else {
                return open;
            }
        }
    }
}
