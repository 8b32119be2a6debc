package org.smimegateway.keystore.config;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.configuration2.tree.ImmutableNode;

/**
 * A read-only view of one configuration element that insists on a fixed vocabulary: unknown children or attributes
 * are configuration errors, so a misspelt option never silently falls back to its default.
 */
record Element(ImmutableNode node, String path) {

    String name() {
        return node.getNodeName();
    }

    /** Fails unless every child and attribute is among the allowed names. */
    Element allow(Set<String> children, Set<String> attributes) {
        for (ImmutableNode child : node.getChildren()) {
            if (!children.contains(child.getNodeName())) {
                throw new KeystoreConfigurationException(path + ": unknown element <" + child.getNodeName()
                    + ">; accepted: " + sorted(children));
            }
        }
        for (String attribute : node.getAttributes().keySet()) {
            if (!attributes.contains(attribute)) {
                throw new KeystoreConfigurationException(path + ": unknown attribute '" + attribute
                    + "'; accepted: " + sorted(attributes));
            }
        }
        return this;
    }

    String text() {
        Object value = node.getValue();
        return value == null ? "" : value.toString().trim();
    }

    List<Element> children() {
        return node.getChildren().stream().map(c -> new Element(c, path + "/" + c.getNodeName())).toList();
    }

    List<Element> children(String name) {
        return children().stream().filter(c -> c.name().equals(name)).toList();
    }

    /** The text of the only child called {@code name}, if present. */
    Optional<String> childText(String name) {
        List<Element> matching = children(name);
        if (matching.size() > 1) {
            throw new KeystoreConfigurationException(path + ": <" + name + "> may appear only once");
        }
        return matching.isEmpty() ? Optional.empty() : Optional.of(matching.get(0).text());
    }

    Optional<Element> child(String name) {
        List<Element> matching = children(name);
        if (matching.size() > 1) {
            throw new KeystoreConfigurationException(path + ": <" + name + "> may appear only once");
        }
        return matching.stream().findFirst();
    }

    String requiredText(String name) {
        return childText(name).filter(text -> !text.isEmpty()).orElseThrow(() ->
            new KeystoreConfigurationException(path + ": <" + name + "> is required"));
    }

    Optional<String> attribute(String name) {
        Object value = node.getAttributes().get(name);
        return value == null ? Optional.empty() : Optional.of(value.toString().trim());
    }

    private static String sorted(Set<String> names) {
        return names.stream().sorted().toList().toString();
    }
}
