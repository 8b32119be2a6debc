package org.smimegateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.smimegateway.it.harness.ProjectPaths;

/** What is, and what must never be, inside smime-gateway-&lt;version&gt;.jar. */
class DropInJarIT {
    private static List<String> entries;

    @BeforeAll
    static void readJar() throws IOException {
        try (JarFile jar = new JarFile(ProjectPaths.dropInJar().toFile())) {
            entries = Collections.list(jar.entries()).stream().map(JarEntry::getName).toList();
        }
    }

    @Test
    void carriesOurMailetsMatchersAndKeystoreProvider() {
        assertThat(entries).contains(
            "org/smimegateway/mailets/StripSecurityInfoHeaders.class",
            "org/smimegateway/keystore/KeystoreProvider.class");
        assertThat(entries).anyMatch(name -> name.startsWith("org/smimegateway/policy/"));
    }

    @Test
    void doesNotCarryTheNativeCryptoProviderWhoseJniNamesNeedItsOwnPackage() {
        // Operators add its jar to extensions-jars/ (README "Native crypto"); relocated, its native methods would not bind.
        assertThat(entries).noneMatch(name -> name.startsWith("com/amazon/") || name.endsWith(".so"));
    }

    @Test
    void carriesBouncyCastleOnlyRelocated() {
        assertThat(entries).contains("org/smimegateway/shaded/bouncycastle/jce/provider/BouncyCastleProvider.class",
            "org/smimegateway/shaded/bouncycastle/cms/CMSSignedData.class");
        assertThat(entries).noneMatch(name -> name.startsWith("org/bouncycastle/"));
        assertThat(entries).noneMatch(name -> name.startsWith("META-INF/versions/"));
    }

    /**
     * Internal names ({@code org/bouncycastle/...}) are how class files refer to other classes, so none may remain.
     * Dotted strings do remain where Bouncy Castle reads its own system properties ({@code org.bouncycastle.rsa...})
     * or names types in messages; service files must name relocated classes only.
     */
    @Test
    void referencesNoUnrelocatedBouncyCastleClass() throws IOException {
        List<String> offenders = new ArrayList<>();
        try (JarFile jar = new JarFile(ProjectPaths.dropInJar().toFile())) {
            for (JarEntry entry : Collections.list(jar.entries())) {
                boolean classFile = entry.getName().endsWith(".class");
                boolean serviceFile = entry.getName().startsWith("META-INF/services/");
                if (!classFile && !serviceFile) {
                    continue;
                }
                try (InputStream in = jar.getInputStream(entry)) {
                    String content = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
                    if (content.contains("org/bouncycastle/") || serviceFile && content.contains("org.bouncycastle.")) {
                        offenders.add(entry.getName());
                    }
                }
            }
        }
        assertThat(offenders).isEmpty();
    }

    @Test
    void carriesNothingJamesAlreadyProvides() {
        assertThat(entries).noneMatch(name -> name.startsWith("org/apache/james/")
            || name.startsWith("org/apache/mailet/")
            || name.startsWith("javax/mail/")
            || name.startsWith("com/sun/mail/")
            || name.startsWith("org/slf4j/")
            || name.startsWith("com/unboundid/")
            || name.startsWith("org/apache/commons/configuration2/"));
    }
}
