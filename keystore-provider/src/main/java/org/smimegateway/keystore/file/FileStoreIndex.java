package org.smimegateway.keystore.file;

import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.security.auth.x500.X500Principal;
import org.smimegateway.keystore.Addresses;
import org.smimegateway.keystore.CertificateProfile;
import org.smimegateway.keystore.store.KeyEntry;

/**
 * An immutable view of everything the store's files hold, indexed the way lookups need it: certificates and keys by
 * store key (each address a certificate names, plus {@code *@domain} for domain files), CRLs by issuer.
 */
record FileStoreIndex(Map<String, List<X509Certificate>> certificates, Map<String, List<KeyEntry>> keys,
                      List<KeyEntry> allKeys, List<X509Certificate> anchors, List<X509Certificate> intermediates,
                      Map<X500Principal, List<X509CRL>> crls) {

    static final FileStoreIndex EMPTY = build(List.of());

    static FileStoreIndex build(Collection<LoadedFile> files) {
        Map<String, Set<X509Certificate>> certificates = new HashMap<>();
        Map<String, List<KeyEntry>> keys = new HashMap<>();
        List<KeyEntry> allKeys = new ArrayList<>();
        Set<X509Certificate> anchors = new LinkedHashSet<>();
        Set<X509Certificate> intermediates = new LinkedHashSet<>();
        Map<X500Principal, List<X509CRL>> crls = new HashMap<>();
        for (LoadedFile file : files) {
            if (file.isRejected()) {
                continue;
            }
            switch (file.kind()) {
                case KEYS -> file.keys().forEach(key -> {
                    allKeys.add(key);
                    for (String storeKey : storeKeys(file, key.certificate())) {
                        keys.computeIfAbsent(storeKey, k -> new ArrayList<>()).add(key);
                        // Our own users are recipients too: their certificates answer encryption lookups.
                        certificates.computeIfAbsent(storeKey, k -> new LinkedHashSet<>()).add(key.certificate());
                    }
                    intermediates.addAll(key.chain());
                });
                case CERTS, HARVESTED -> file.certificates().forEach(certificate -> {
                    if (certificate.getBasicConstraints() >= 0) {
                        intermediates.add(certificate);
                        return;
                    }
                    for (String storeKey : storeKeys(file, certificate)) {
                        certificates.computeIfAbsent(storeKey, k -> new LinkedHashSet<>()).add(certificate);
                    }
                });
                case ANCHORS -> anchors.addAll(file.certificates());
                case INTERMEDIATES -> intermediates.addAll(file.certificates());
                case CRLS -> file.crls().forEach(crl ->
                    crls.computeIfAbsent(crl.getIssuerX500Principal(), k -> new ArrayList<>()).add(crl));
            }
        }
        Map<String, List<X509Certificate>> certificateLists = new HashMap<>();
        certificates.forEach((key, set) -> certificateLists.put(key, List.copyOf(set)));
        Map<String, List<KeyEntry>> keyLists = new HashMap<>();
        keys.forEach((key, list) -> keyLists.put(key, List.copyOf(list)));
        Map<X500Principal, List<X509CRL>> crlLists = new HashMap<>();
        crls.forEach((issuer, list) -> crlLists.put(issuer, List.copyOf(list)));
        intermediates.removeAll(anchors);
        return new FileStoreIndex(Map.copyOf(certificateLists), Map.copyOf(keyLists), List.copyOf(allKeys),
            List.copyOf(anchors), List.copyOf(intermediates), Map.copyOf(crlLists));
    }

    private static Set<String> storeKeys(LoadedFile file, X509Certificate certificate) {
        Set<String> storeKeys = new LinkedHashSet<>(CertificateProfile.addresses(certificate));
        if (FileParser.isDomainFile(file.path())) {
            storeKeys.add(Addresses.domainKey(FileParser.domainOf(file.path())));
        }
        return storeKeys;
    }
}
