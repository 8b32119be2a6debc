package org.smimegateway.keystore.file;

import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.List;
import org.smimegateway.keystore.store.KeyEntry;

/**
 * What one file of the store contributed, remembered with the size and modification time it had, so a rescan only
 * reads files that changed. A rejected file has a reason and contributes nothing.
 */
record LoadedFile(Path path, FileKind kind, long size, long modified, List<KeyEntry> keys,
                  List<X509Certificate> certificates, List<X509CRL> crls, String rejection) {
    LoadedFile {
        keys = List.copyOf(keys);
        certificates = List.copyOf(certificates);
        crls = List.copyOf(crls);
    }

    static LoadedFile rejected(Path path, FileKind kind, long size, long modified, String reason) {
        return new LoadedFile(path, kind, size, modified, List.of(), List.of(), List.of(), reason);
    }

    boolean isRejected() {
        return rejection != null;
    }

    boolean unchanged(long otherSize, long otherModified) {
        return size == otherSize && modified == otherModified;
    }

    String summary() {
        if (isRejected()) {
            return "rejected: " + rejection;
        }
        return keys.size() + " key(s), " + certificates.size() + " certificate(s), " + crls.size() + " CRL(s)";
    }
}
