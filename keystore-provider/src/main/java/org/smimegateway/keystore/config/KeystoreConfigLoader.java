package org.smimegateway.keystore.config;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.configuration2.XMLConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.commons.configuration2.io.FileHandler;
import org.smimegateway.keystore.KeystoreProvider;
import org.smimegateway.keystore.codec.CertificateCodec;
import org.smimegateway.keystore.composite.CompositeKeystoreProvider;
import org.smimegateway.keystore.file.FileCertificateStore;
import org.smimegateway.keystore.file.FileStoreSettings;
import org.smimegateway.keystore.ldap.LdapCertificateStore;
import org.smimegateway.keystore.ldap.LdapSettings;
import org.smimegateway.keystore.ldap.TlsMode;
import org.smimegateway.keystore.store.StoreKeystoreProvider;
import org.smimegateway.keystore.trust.CompositeTrustSource;
import org.smimegateway.keystore.trust.PathValidator;
import org.smimegateway.keystore.trust.RevocationPolicy;
import org.smimegateway.keystore.trust.StaticTrustSource;
import org.smimegateway.keystore.trust.TrustSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds file, LDAP and composite providers from one XML file (format in the module README). Sources are asked in
 * document order; a misspelt element or attribute, a missing directory or an unreadable anchor file is a
 * {@link KeystoreConfigurationException}, never a silent default.
 */
public final class KeystoreConfigLoader {
    private static final Logger LOG = LoggerFactory.getLogger(KeystoreConfigLoader.class);
    private static final Set<String> ROOT_CHILDREN = Set.of("revocation", "file", "ldap", "harvestInto");
    private static final Set<String> FILE_CHILDREN = Set.of("directory", "keyPassword", "rescanInterval");
    private static final Set<String> LDAP_CHILDREN = Set.of("server", "tls", "trustedCertificates", "bindDn",
        "bindPassword", "baseDn", "filter", "caBaseDn", "caFilter", "poolSize", "connectTimeout", "responseTimeout",
        "cacheTtl", "negativeCacheTtl", "cacheMaxEntries", "writeBack", "anchors", "trustFrom");

    private final Clock clock;

    public KeystoreConfigLoader(Clock clock) {
        this.clock = clock;
    }

    /** Reads {@code file}; relative paths inside it are resolved against its directory. */
    public ConfiguredKeystore load(Path file) {
        try {
            return load(Files.readAllBytes(file), file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new KeystoreConfigurationException("cannot read keystore configuration " + file + ": "
                + e.getMessage(), e);
        }
    }

    /** Reads XML {@code content}; relative paths are resolved against {@code base}. */
    public ConfiguredKeystore load(byte[] content, Path base) {
        XMLConfiguration xml = new XMLConfiguration();
        try {
            new FileHandler(xml).load(new ByteArrayInputStream(content));
        } catch (ConfigurationException e) {
            throw new KeystoreConfigurationException("keystore configuration is not well-formed XML: "
                + e.getMessage(), e);
        }
        Element root = new Element(xml.getNodeModel().getNodeHandler().getRootNode(), "keystore");
        root.allow(ROOT_CHILDREN, Set.of());
        RevocationPolicy policy = root.child("revocation").map(KeystoreConfigLoader::revocation)
            .orElse(RevocationPolicy.DEFAULT);
        Map<String, KeystoreProvider> sources = new LinkedHashMap<>();
        Map<String, TrustSource> trust = new LinkedHashMap<>();
        List<AutoCloseable> resources = new ArrayList<>();
        try {
            for (Element source : root.children()) {
                if (source.name().equals("file") || source.name().equals("ldap")) {
                    String name = source.attribute("name").orElse(source.name() + (sources.size() + 1));
                    if (sources.containsKey(name)) {
                        throw new KeystoreConfigurationException(source.path() + ": duplicate source name '" + name
                            + "'");
                    }
                    StoreKeystoreProvider provider = source.name().equals("file")
                        ? fileSource(source, base, policy, resources)
                        : ldapSource(source, base, policy, trust, resources);
                    sources.put(name, provider);
                    trust.put(name, provider.store().trust());
                    LOG.info("Keystore source '{}': {}", name, provider.store().name());
                }
            }
            if (sources.isEmpty()) {
                throw new KeystoreConfigurationException("keystore: at least one <file> or <ldap> source is required");
            }
            KeystoreProvider harvestTarget = root.childText("harvestInto").map(name -> {
                KeystoreProvider target = sources.get(name);
                if (target == null) {
                    throw new KeystoreConfigurationException("keystore/harvestInto: no source named '" + name
                        + "'; configured: " + sources.keySet());
                }
                return target;
            }).orElse(sources.values().iterator().next());
            KeystoreProvider provider = sources.size() == 1 ? sources.values().iterator().next()
                : new CompositeKeystoreProvider(List.copyOf(sources.values()), harvestTarget);
            return new ConfiguredKeystore(provider, sources, resources);
        } catch (RuntimeException e) {
            new ConfiguredKeystore(null, Map.of(), resources).close();
            throw e;
        }
    }

    private static RevocationPolicy revocation(Element element) {
        element.allow(Set.of(), Set.of("failMode", "fetchDistributionPoints", "fetchTimeout"));
        return new RevocationPolicy(
            element.attribute("failMode").map(v -> ConfigValues.choice(element.path() + "@failMode", v,
                RevocationPolicy.FailMode.class)).orElse(RevocationPolicy.DEFAULT.failMode()),
            element.attribute("fetchDistributionPoints").map(v -> ConfigValues.bool(element.path()
                + "@fetchDistributionPoints", v)).orElse(false),
            element.attribute("fetchTimeout").map(v -> ConfigValues.duration(element.path() + "@fetchTimeout", v))
                .orElse(RevocationPolicy.DEFAULT.fetchTimeout()));
    }

    private StoreKeystoreProvider fileSource(Element element, Path base, RevocationPolicy policy,
                                             List<AutoCloseable> resources) {
        element.allow(FILE_CHILDREN, Set.of("name"));
        Path directory = ConfigValues.location(element.path() + "/directory", element.requiredText("directory"),
            base);
        if (!Files.isDirectory(directory)) {
            throw new KeystoreConfigurationException(element.path() + "/directory: " + directory
                + " is not a directory");
        }
        char[] password = element.childText("keyPassword").map(String::toCharArray).orElse(null);
        Duration rescan = element.childText("rescanInterval")
            .map(v -> ConfigValues.duration(element.path() + "/rescanInterval", v)).orElse(Duration.ofMinutes(1));
        FileCertificateStore store = FileCertificateStore.open(new FileStoreSettings(directory, password, rescan));
        resources.add(store);
        return new StoreKeystoreProvider(store, new PathValidator(store.trust(), policy, clock), clock);
    }

    private StoreKeystoreProvider ldapSource(Element element, Path base, RevocationPolicy policy,
                                             Map<String, TrustSource> trust, List<AutoCloseable> resources) {
        element.allow(LDAP_CHILDREN, Set.of("name"));
        String path = element.path();
        List<String> servers = element.children("server").stream().map(Element::text).toList();
        if (servers.isEmpty()) {
            throw new KeystoreConfigurationException(path + ": at least one <server>host:port</server> is required");
        }
        LdapSettings defaults = LdapSettings.defaults(servers, element.requiredText("baseDn"));
        Element writeBack = element.child("writeBack").orElse(null);
        if (writeBack != null) {
            writeBack.allow(Set.of(), Set.of("attribute"));
        }
        LdapSettings settings = new LdapSettings(servers,
            element.childText("tls").map(v -> ConfigValues.choice(path + "/tls", v, TlsMode.class))
                .orElse(TlsMode.NONE),
            element.childText("trustedCertificates").map(v -> ConfigValues.location(path + "/trustedCertificates", v,
                base)).orElse(null),
            element.childText("bindDn").orElse(null),
            element.childText("bindPassword").orElse(null),
            defaults.baseDn(),
            element.childText("filter").orElse(LdapSettings.DEFAULT_FILTER),
            element.childText("caBaseDn").orElse(null),
            element.childText("caFilter").orElse(LdapSettings.DEFAULT_CA_FILTER),
            element.childText("poolSize").map(v -> ConfigValues.positiveInt(path + "/poolSize", v))
                .orElse(defaults.poolSize()),
            duration(element, "connectTimeout", defaults.connectTimeout()),
            duration(element, "responseTimeout", defaults.responseTimeout()),
            duration(element, "cacheTtl", defaults.cacheTtl()),
            duration(element, "negativeCacheTtl", defaults.negativeCacheTtl()),
            element.childText("cacheMaxEntries").map(v -> ConfigValues.positiveInt(path + "/cacheMaxEntries", v))
                .orElse(defaults.cacheMaxEntries()),
            writeBack != null && ConfigValues.bool(path + "/writeBack", writeBack.text()),
            writeBack == null ? LdapSettings.DEFAULT_WRITE_BACK_ATTRIBUTE
                : writeBack.attribute("attribute").orElse(LdapSettings.DEFAULT_WRITE_BACK_ATTRIBUTE));
        TrustSource local = localTrust(element, base, trust);
        LdapCertificateStore store;
        try {
            store = new LdapCertificateStore(settings, local, clock);
        } catch (IllegalArgumentException e) {
            throw new KeystoreConfigurationException(path + ": " + e.getMessage(), e);
        }
        resources.add(store);
        return new StoreKeystoreProvider(store, new PathValidator(store.trust(), policy, clock), clock);
    }

    /** Anchors for a directory source: a certificate file or directory, and/or another source's trust material. */
    private static TrustSource localTrust(Element element, Path base, Map<String, TrustSource> trust) {
        List<TrustSource> parts = new ArrayList<>();
        element.childText("trustFrom").ifPresent(name -> {
            TrustSource source = trust.get(name);
            if (source == null) {
                throw new KeystoreConfigurationException(element.path() + "/trustFrom: no earlier source named '"
                    + name + "'; configured so far: " + trust.keySet());
            }
            parts.add(source);
        });
        element.childText("anchors").ifPresent(location ->
            parts.add(StaticTrustSource.anchorsOnly(readAnchors(element.path() + "/anchors",
                ConfigValues.location(element.path() + "/anchors", location, base)))));
        if (parts.isEmpty()) {
            throw new KeystoreConfigurationException(element.path()
                + ": <anchors> or <trustFrom> is required (a directory's CA certificates are never trusted by"
                + " themselves)");
        }
        return parts.size() == 1 ? parts.get(0) : new CompositeTrustSource(parts);
    }

    private static List<X509Certificate> readAnchors(String element, Path location) {
        List<Path> files = new ArrayList<>();
        try {
            if (Files.isDirectory(location)) {
                try (DirectoryStream<Path> stream = Files.newDirectoryStream(location, Files::isRegularFile)) {
                    stream.forEach(files::add);
                }
            } else {
                files.add(location);
            }
            List<X509Certificate> anchors = new ArrayList<>();
            for (Path file : files) {
                anchors.addAll(CertificateCodec.certificates(Files.readAllBytes(file)));
            }
            if (anchors.isEmpty()) {
                throw new KeystoreConfigurationException(element + ": no certificate in " + location);
            }
            return anchors;
        } catch (IOException | GeneralSecurityException e) {
            throw new KeystoreConfigurationException(element + ": cannot read trust anchors from " + location + ": "
                + e.getMessage(), e);
        }
    }

    private static Duration duration(Element element, String name, Duration fallback) {
        return element.childText(name).map(v -> ConfigValues.duration(element.path() + "/" + name, v))
            .orElse(fallback);
    }
}
