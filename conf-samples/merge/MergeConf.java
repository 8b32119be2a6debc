import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Applies a merge guide (e.g. conf-samples/gateway/merge.xml) to a James conf/ folder, in place.
 *
 * <pre>java MergeConf.java MERGE_XML JAMES_CONF_DIR</pre>
 *
 * Each {@code <step name file target action>} of the guide finds its place in {@code file} with the XPath
 * {@code target} and does one thing there: {@code prepend} or {@code append} its content as the target's first or last
 * children, insert it {@code before} the target, {@code remove} the target, or set the target's {@code text}. A step
 * whose place is not found fails the whole merge and nothing is written, so a James configuration that differs from
 * the stock one the guide was written for is reported, never half-merged. A step on a {@code .properties} file has the
 * action {@code property}: it adds the line {@code key=value} (its {@code key} attribute, its text as the value) with
 * its {@code comment} attribute as a comment above; a key the stock file already sets fails the merge. Needs only a
 * JDK (17+).
 */
public final class MergeConf {
    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: java MergeConf.java MERGE_XML JAMES_CONF_DIR");
            System.exit(2);
        }
        try {
            List<String> done = merge(Path.of(args[0]), Path.of(args[1]));
            done.forEach(line -> System.out.println("merged: " + line));
        } catch (MergeException e) {
            System.err.println("merge failed: " + e.getMessage() + " (nothing was written)");
            System.exit(1);
        }
    }

    static final class MergeException extends Exception {
        MergeException(String message) {
            super(message);
        }
    }

    static List<String> merge(Path guide, Path conf) throws Exception {
        DocumentBuilder parser = parser();
        Document steps = parser.parse(guide.toFile());
        java.util.Map<String, Document> files = new java.util.LinkedHashMap<>();
        java.util.Map<String, String> propertyFiles = new java.util.LinkedHashMap<>();
        List<String> done = new ArrayList<>();
        NodeList stepList = steps.getDocumentElement().getElementsByTagName("step");
        for (int i = 0; i < stepList.getLength(); i++) {
            Element step = (Element) stepList.item(i);
            String name = step.getAttribute("name");
            String file = step.getAttribute("file");
            Path path = conf.resolve(file);
            if (file.endsWith(".properties")) {
                if (!propertyFiles.containsKey(file)) {
                    if (!Files.isRegularFile(path)) {
                        throw new MergeException("step " + name + ": no " + path);
                    }
                    propertyFiles.put(file, Files.readString(path, StandardCharsets.UTF_8));
                }
                propertyFiles.put(file, property(step, propertyFiles.get(file)));
                done.add(name + " (" + file + ", " + step.getAttribute("key") + ")");
                continue;
            }
            if (!files.containsKey(file)) {
                if (!Files.isRegularFile(path)) {
                    throw new MergeException("step " + name + ": no " + path);
                }
                files.put(file, parser.parse(path.toFile()));
            }
            Document document = files.get(file);
            NodeList targets = (NodeList) XPathFactory.newInstance().newXPath()
                .evaluate(step.getAttribute("target"), document, XPathConstants.NODESET);
            if (targets.getLength() == 0) {
                throw new MergeException("step " + name + ": " + file + " has no " + step.getAttribute("target")
                    + " (not the stock James 3.8.1 file, or already merged?)");
            }
            for (int t = 0; t < targets.getLength(); t++) {
                apply(step, (Element) targets.item(t), document);
            }
            done.add(name + " (" + file + ", " + targets.getLength() + " place" + (targets.getLength() == 1 ? "" : "s") + ")");
        }
        for (var entry : propertyFiles.entrySet()) {
            Files.writeString(conf.resolve(entry.getKey()), entry.getValue(), StandardCharsets.UTF_8);
        }
        for (var entry : files.entrySet()) {
            Path path = conf.resolve(entry.getKey());
            String original = Files.readString(path, StandardCharsets.UTF_8);
            Files.writeString(path, serialize(entry.getValue(), original), StandardCharsets.UTF_8);
        }
        return done;
    }

    /** The properties text with the step's {@code key=value} line (and comment) added at the end. */
    private static String property(Element step, String text) throws MergeException {
        String name = step.getAttribute("name");
        if (!"property".equals(step.getAttribute("action"))) {
            throw new MergeException("step " + name + ": a .properties file takes only action 'property'");
        }
        String key = step.getAttribute("key");
        if (key.isBlank()) {
            throw new MergeException("step " + name + ": no key");
        }
        for (String line : text.split("\\R")) {
            String trimmed = line.strip();
            if (!trimmed.startsWith("#") && !trimmed.startsWith("!")
                && trimmed.split("[=:\\s]", 2)[0].equals(key)) {
                throw new MergeException("step " + name + ": " + step.getAttribute("file") + " already sets " + key
                    + " (not the stock James 3.8.1 file, or already merged?)");
            }
        }
        StringBuilder out = new StringBuilder(text);
        if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
            out.append('\n');
        }
        out.append('\n');
        String comment = step.getAttribute("comment").strip();
        if (!comment.isEmpty()) {
            for (String line : comment.split("\\s*(\\R|\\s{2,})\\s*")) {
                out.append("# ").append(line).append('\n');
            }
        }
        return out.append(key).append('=').append(step.getTextContent().strip()).append('\n').toString();
    }

    private static void apply(Element step, Element target, Document document) throws MergeException {
        String action = step.getAttribute("action");
        switch (action) {
            case "prepend" -> {
                Node first = target.getFirstChild();
                String indent = whitespace(first, "\n");
                insert(target, first, indent, content(step, document, indent));
            }
            case "append" -> {
                // Before the closing tag's own indentation, lined up with the last child.
                Node last = target.getLastChild();
                boolean closing = last != null && isBlank(last);
                Node lastElement = closing ? last.getPreviousSibling() : last;
                String indent = lastElement == null ? "\n" : whitespace(lastElement.getPreviousSibling(), "\n");
                insert(target, closing ? last : null, indent, content(step, document, indent));
            }
            case "before" -> {
                String indent = whitespace(target.getPreviousSibling(), "\n");
                List<Node> nodes = content(step, document, indent);
                for (Node node : nodes) {
                    target.getParentNode().insertBefore(node, target);
                    target.getParentNode().insertBefore(document.createTextNode(indent), target);
                }
            }
            case "remove" -> {
                Node previous = target.getPreviousSibling();
                if (previous != null && isBlank(previous)) {
                    previous.getParentNode().removeChild(previous);
                }
                target.getParentNode().removeChild(target);
            }
            case "text" -> target.setTextContent(step.getTextContent().strip());
            default -> throw new MergeException("step " + step.getAttribute("name") + ": unknown action '" + action
                + "' (prepend, append, before, remove, text)");
        }
    }

    private static void insert(Element parent, Node before, String indent, List<Node> nodes) {
        for (Node node : nodes) {
            parent.insertBefore(parent.getOwnerDocument().createTextNode(indent), before);
            parent.insertBefore(node, before);
        }
    }

    private static boolean isBlank(Node node) {
        return node.getNodeType() == Node.TEXT_NODE && node.getTextContent().isBlank();
    }

    /** The line break and indentation in a blank text node, e.g. "\n            "; the fallback otherwise. */
    private static String whitespace(Node node, String fallback) {
        if (node == null || !isBlank(node)) {
            return fallback;
        }
        String text = node.getTextContent();
        int lineBreak = text.lastIndexOf('\n');
        return lineBreak < 0 ? fallback : text.substring(lineBreak);
    }

    /**
     * The step's element and comment children, copied into the target document and re-indented from their column in
     * the guide to the target's, so the merged file reads as if written by hand.
     */
    private static List<Node> content(Element step, Document document, String indent) {
        String guideIndent = whitespace(step.getFirstChild(), "\n");
        List<Node> nodes = new ArrayList<>();
        NodeList children = step.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            Node child = children.item(i);
            if (child.getNodeType() == Node.ELEMENT_NODE || child.getNodeType() == Node.COMMENT_NODE) {
                Node copy = document.importNode(child, true);
                reindent(copy, guideIndent, indent);
                nodes.add(copy);
            }
        }
        return nodes;
    }

    private static void reindent(Node node, String from, String to) {
        if (node.getNodeType() == Node.TEXT_NODE || node.getNodeType() == Node.COMMENT_NODE) {
            node.setNodeValue(node.getNodeValue().replace(from, to));
        }
        NodeList children = node.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            reindent(children.item(i), from, to);
        }
    }

    private static DocumentBuilder parser() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder();
    }

    /**
     * The document with the stock file's own XML declaration and top-level layout; the JDK's serializer writes
     * attributes in alphabetical order, which James does not mind.
     */
    private static String serialize(Document document, String original) throws Exception {
        var transformer = TransformerFactory.newInstance().newTransformer();
        transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
        StringBuilder out = new StringBuilder();
        var declaration = java.util.regex.Pattern.compile("^<\\?xml[^>]*\\?>").matcher(original);
        if (declaration.find()) {
            out.append(declaration.group()).append('\n');
        }
        NodeList topLevel = document.getChildNodes();
        for (int i = 0; i < topLevel.getLength(); i++) {
            StringWriter node = new StringWriter();
            transformer.transform(new DOMSource(topLevel.item(i)), new StreamResult(node));
            out.append(node).append(i < topLevel.getLength() - 1 ? "\n\n" : "\n");
        }
        return out.toString();
    }
}
