package org.smimegateway.keystore.file;

/** The subdirectories of a file store and what the files in each mean. */
enum FileKind {
    /** PKCS#12 files with our users' private keys. */
    KEYS("keys"),
    /** Recipients' certificates placed by operators. */
    CERTS("certs"),
    /** Certificates harvested from signed mail (written by the gateway). */
    HARVESTED("harvested"),
    /** Trust anchors. */
    ANCHORS("anchors"),
    /** Intermediate CA certificates for path building. */
    INTERMEDIATES("intermediates"),
    /** CRLs. */
    CRLS("crls");

    final String directory;

    FileKind(String directory) {
        this.directory = directory;
    }
}
