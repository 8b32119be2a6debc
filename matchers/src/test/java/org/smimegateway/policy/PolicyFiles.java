package org.smimegateway.policy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes policy files for tests. */
public final class PolicyFiles {
    /** The example of the module README, less the comments. */
    public static final String EXAMPLE = """
        <?xml version="1.0" encoding="UTF-8"?>
        <policy>
            <trace header="true"/>
            <global>
                <encrypt>allow</encrypt>
                <smime>true</smime>
                <sign>trigger</sign>
                <contentEncryption>AES256_CBC</contentEncryption>
                <keyTransport>RSA_PKCS1</keyTransport>
                <subjectTrigger caseSensitive="false" remove="true">\\[encrypt\\]</subjectTrigger>
            </global>
            <domain name="partner.example">
                <encrypt>mandatory</encrypt>
                <contentEncryption>AES256_GCM</contentEncryption>
                <keyTransport>RSA_OAEP_SHA256</keyTransport>
            </domain>
            <domain name="*.partner.example">
                <encrypt>none</encrypt>
                <contentEncryption>AES128_GCM</contentEncryption>
            </domain>
            <domain name="*.eu.partner.example">
                <encrypt>mandatory</encrypt>
            </domain>
            <domain name="branch.example">
                <locality>internal</locality>
            </domain>
            <domain name="modern.example">
                <protectHeaders>true</protectHeaders>
            </domain>
            <domain name="oldclients.example">
                <legacyContentTypes>true</legacyContentTypes>
            </domain>
            <domain name="legacy.example">
                <smime>false</smime>
                <encrypt>none</encrypt>
            </domain>
            <user address="ceo@corp.example">
                <sign>always</sign>
                <encrypt>mandatory</encrypt>
            </user>
            <user address="press@partner.example">
                <encrypt>allow</encrypt>
            </user>
        </policy>
        """;

    private PolicyFiles() {
    }

    public static Path write(Path file, String xml) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, xml, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A policy whose global rule is the given elements. */
    public static String global(String elements) {
        return "<policy><global>" + elements + "</global></policy>";
    }
}
