package org.smimegateway.admin.certificates;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.smimegateway.admin.store.AtomicFiles;
import org.smimegateway.admin.store.Pem;
import org.smimegateway.keystore.codec.CertificateCodec;

/** Takes one certificate out of store files: a file holding only it goes, a file holding others is rewritten. */
final class StoreFiles {
    private StoreFiles() {
    }

    /** Returns the changed or deleted files relative to the store. */
    static List<String> remove(X509Certificate certificate, List<Path> files, StoreInventory inventory) {
        List<String> changed = new ArrayList<>();
        for (Path file : files.stream().distinct().toList()) {
            List<X509Certificate> content;
            try {
                content = CertificateCodec.certificates(Files.readAllBytes(file));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            } catch (GeneralSecurityException e) {
                continue; // Not readable any more: nothing of ours to take out.
            }
            List<X509Certificate> rest = content.stream().filter(c -> !c.equals(certificate)).toList();
            if (rest.size() == content.size()) {
                continue;
            }
            if (rest.isEmpty()) {
                AtomicFiles.delete(file);
            } else {
                AtomicFiles.write(file, Pem.certificates(rest));
            }
            changed.add(inventory.relative(file));
        }
        return changed;
    }
}
