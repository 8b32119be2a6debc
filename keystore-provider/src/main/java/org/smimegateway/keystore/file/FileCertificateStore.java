package org.smimegateway.keystore.file;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.security.auth.x500.X500Principal;
import org.smimegateway.keystore.Lookup;
import org.smimegateway.keystore.SourceStatus;
import org.smimegateway.keystore.store.CertificateStore;
import org.smimegateway.keystore.store.KeyEntry;
import org.smimegateway.keystore.trust.TrustSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A keystore in a directory operators manage by hand (layout in the module README). The directory is rescanned
 * when the file system reports a change in it (so a CRL the admin command line writes counts within a fraction of
 * a second) and periodically, for file systems that report nothing (NFS); only new or changed files are read again, and each one gets one log line saying what it contributed
 * or why it was rejected. Lookups read an immutable index swapped in after each scan, so they never block on I/O.
 */
public final class FileCertificateStore implements CertificateStore, TrustSource, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FileCertificateStore.class);

    private final FileStoreSettings settings;
    private final FileParser parser;
    private final AtomicLong generation = new AtomicLong();
    private final ScheduledExecutorService rescanner;
    private volatile WatchService watchService;
    private Map<Path, LoadedFile> files = Map.of();
    private volatile FileStoreIndex index = FileStoreIndex.EMPTY;

    private FileCertificateStore(FileStoreSettings settings) {
        this.settings = settings;
        this.parser = new FileParser(settings.defaultKeyPassword());
        this.rescanner = settings.rescanInterval().isZero() ? null
            : Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "keystore-rescan " + settings.directory().getFileName());
                thread.setDaemon(true);
                return thread;
            });
    }

    /**
     * Reads the store once and, if {@code settings.rescanInterval()} is positive, keeps rescanning in the background
     * until {@link #close()}.
     *
     * @throws UncheckedIOException if the directory does not exist
     */
    public static FileCertificateStore open(FileStoreSettings settings) {
        if (!Files.isDirectory(settings.directory())) {
            throw new UncheckedIOException(new IOException("keystore directory does not exist: "
                + settings.directory()));
        }
        FileCertificateStore store = new FileCertificateStore(settings);
        store.rescan();
        if (store.rescanner != null) {
            long millis = settings.rescanInterval().toMillis();
            store.rescanner.scheduleWithFixedDelay(store::rescanQuietly, millis, millis, TimeUnit.MILLISECONDS);
            store.watch();
        }
        return store;
    }

    /** Reads new and changed files, forgets removed ones; returns whether anything changed. */
    public boolean rescan() {
        return rescan(false);
    }

    /**
     * Rereads every file now, changed or not (a file replaced within the file system's timestamp resolution with the
     * same size would otherwise look unchanged), and returns once the new index is in place.
     */
    @Override
    public void flush() {
        rescan(true);
    }

    private synchronized boolean rescan(boolean everything) {
        Map<Path, LoadedFile> next = new HashMap<>();
        boolean changed = false;
        for (FileKind kind : FileKind.values()) {
            for (Path file : list(settings.directory().resolve(kind.directory))) {
                BasicFileAttributes attributes;
                try {
                    attributes = Files.readAttributes(file, BasicFileAttributes.class);
                } catch (IOException e) {
                    continue; // Removed between listing and reading: the next scan sees it gone.
                }
                long[] state = state(file, kind, attributes);
                long size = state[0];
                long modified = state[1];
                LoadedFile previous = files.get(file);
                boolean unchanged = previous != null && previous.unchanged(size, modified);
                if (unchanged && !everything) {
                    next.put(file, previous);
                    continue;
                }
                LoadedFile loaded = parser.parse(file, kind, size, modified);
                if (unchanged && loaded.summary().equals(previous.summary())) {
                    LOG.debug("Keystore file {} reread: {}", file, loaded.summary());
                } else if (loaded.isRejected()) {
                    LOG.warn("Keystore file {} {}", file, loaded.summary());
                } else {
                    LOG.info("Keystore file {} loaded: {}", file, loaded.summary());
                }
                next.put(file, loaded);
                changed = true;
            }
        }
        for (Path gone : files.keySet()) {
            if (!next.containsKey(gone)) {
                LOG.info("Keystore file {} removed", gone);
                changed = true;
            }
        }
        if (changed || everything) {
            files = Map.copyOf(next);
            index = FileStoreIndex.build(files.values());
            generation.incrementAndGet();
        }
        return changed;
    }

    @Override
    public String name() {
        return "file:" + settings.directory();
    }

    @Override
    public Lookup<List<X509Certificate>> certificates(String storeKey) {
        List<X509Certificate> found = index.certificates().get(storeKey);
        return found == null ? Lookup.notFound("no certificate for " + storeKey + " in " + name())
            : Lookup.found(found);
    }

    @Override
    public List<KeyEntry> keys(String storeKey) {
        return index.keys().getOrDefault(storeKey, List.of());
    }

    @Override
    public List<KeyEntry> allKeys() {
        return index.allKeys();
    }

    @Override
    public TrustSource trust() {
        return this;
    }

    @Override
    public List<X509Certificate> anchors() {
        return index.anchors();
    }

    @Override
    public List<X509Certificate> intermediates() {
        return index.intermediates();
    }

    @Override
    public Lookup<List<X509CRL>> crls(X500Principal issuer) {
        List<X509CRL> found = index.crls().get(issuer);
        return found == null ? Lookup.notFound("no CRL for " + issuer.getName()) : Lookup.found(found);
    }

    @Override
    public long generation() {
        return generation.get();
    }

    /** Writes the certificate as {@code harvested/<address>-<fingerprint>.pem} and reads it in at once. */
    @Override
    public Lookup<String> storeHarvested(String address, X509Certificate certificate) {
        try {
            Path directory = Files.createDirectories(settings.directory().resolve(FileKind.HARVESTED.directory));
            Path target = directory.resolve(safe(address) + "-" + fingerprint(certificate) + ".pem");
            Path temporary = Files.createTempFile(directory, ".harvest", ".tmp");
            Files.writeString(temporary, pem(certificate), StandardCharsets.US_ASCII);
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
            rescan();
            return Lookup.found(target.toString());
        } catch (IOException | GeneralSecurityException e) {
            return Lookup.unavailable("cannot write harvested certificate: " + e.getMessage());
        }
    }

    /** Stops the background rescans. */
    /** Reachable when the directory and each of its kind folders that exists can be read. */
    @Override
    public SourceStatus status() {
        Path directory = settings.directory();
        if (!Files.isDirectory(directory) || !Files.isReadable(directory)) {
            return SourceStatus.unreachable(name(), "directory " + directory + " is missing or not readable");
        }
        for (FileKind kind : FileKind.values()) {
            Path folder = directory.resolve(kind.directory);
            if (Files.exists(folder) && !(Files.isDirectory(folder) && Files.isReadable(folder))) {
                return SourceStatus.unreachable(name(), "folder " + folder + " is not a readable directory");
            }
        }
        return SourceStatus.reachable(name(), "directory readable, " + files.size() + " file(s) loaded");
    }

    @Override
    public List<X509CRL> crls() {
        return index.crls().values().stream().flatMap(List::stream).toList();
    }

    @Override
    public void close() {
        if (rescanner != null) {
            rescanner.shutdownNow();
        }
        WatchService watching = watchService;
        if (watching != null) {
            try {
                watching.close();
            } catch (IOException e) {
                LOG.debug("Closing the watch on {}: {}", settings.directory(), e.getMessage());
            }
        }
    }

    /** Rescans on file system change events, on a daemon thread; without them the periodic rescan remains. */
    private void watch() {
        try {
            watchService = settings.directory().getFileSystem().newWatchService();
            register();
        } catch (IOException | UnsupportedOperationException e) {
            LOG.info("Keystore {}: no change notifications ({}), periodic rescans only", settings.directory(),
                e.getMessage());
            return;
        }
        Thread thread = new Thread(this::awaitChanges, "keystore-watch " + settings.directory().getFileName());
        thread.setDaemon(true);
        thread.start();
    }

    /** The store folder (for sub-folders created later) and every sub-folder that exists. */
    private void register() throws IOException {
        settings.directory().register(watchService, StandardWatchEventKinds.ENTRY_CREATE);
        for (FileKind kind : FileKind.values()) {
            Path folder = settings.directory().resolve(kind.directory);
            if (Files.isDirectory(folder)) {
                folder.register(watchService, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                    StandardWatchEventKinds.ENTRY_DELETE);
            }
        }
    }

    private void awaitChanges() {
        try {
            while (true) {
                WatchKey key = watchService.take();
                // A writer usually produces several events; let it finish and take them as one change.
                Thread.sleep(100);
                for (WatchKey pending = key; pending != null; pending = watchService.poll()) {
                    pending.pollEvents();
                    pending.reset();
                }
                register();
                rescanner.execute(this::rescanQuietly);
            }
        } catch (InterruptedException | ClosedWatchServiceException | RejectedExecutionException e) {
            // Closed: the store is shutting down.
        } catch (IOException e) {
            LOG.warn("Keystore {}: change notifications stopped ({}), periodic rescans only", settings.directory(),
                e.getMessage());
        }
    }

    private void rescanQuietly() {
        try {
            rescan();
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again; log and keep the last good index.
            LOG.error("Keystore rescan of {} failed; keeping the previous content", settings.directory(), e);
        }
    }

    /**
     * Size and modification time of a file; for PKCS#12 files those of its {@code .pass} files are folded in, so a
     * changed password file re-reads the key even if the PKCS#12 itself did not change.
     */
    private static long[] state(Path file, FileKind kind, BasicFileAttributes attributes) {
        long size = attributes.size();
        long modified = attributes.lastModifiedTime().toMillis();
        if (kind == FileKind.KEYS) {
            for (Path pass : FileParser.passwordFiles(file)) {
                try {
                    if (Files.isRegularFile(pass)) {
                        size = size * 31 + Files.size(pass);
                        modified = Math.max(modified, Files.getLastModifiedTime(pass).toMillis());
                    }
                } catch (IOException e) {
                    modified = -1; // Unreadable now: compare unequal so the next scan reports it.
                }
            }
        }
        return new long[] {size, modified};
    }

    private static List<Path> list(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory,
            path -> Files.isRegularFile(path) && isStoreFile(path.getFileName().toString()))) {
            List<Path> result = new ArrayList<>();
            stream.forEach(result::add);
            result.sort(null);
            return result;
        } catch (IOException e) {
            LOG.warn("Keystore directory {} cannot be listed: {}", directory, e.getMessage());
            return List.of();
        }
    }

    /**
     * Dotfiles, password files (read beside their keys) and the folders' own notes (README, README.md, ...) are not
     * keystore material: passed over quietly, never reported as rejected.
     */
    static boolean isStoreFile(String name) {
        return !name.startsWith(".") && !name.endsWith(".pass") && !name.toUpperCase(java.util.Locale.ROOT).startsWith("README");
    }

    private static String safe(String address) {
        return address.replaceAll("[^a-z0-9@._+-]", "_");
    }

    private static String fingerprint(X509Certificate certificate) throws GeneralSecurityException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()), 0, 8);
    }

    private static String pem(X509Certificate certificate) throws GeneralSecurityException {
        return "-----BEGIN CERTIFICATE-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.getEncoded())
            + "\n-----END CERTIFICATE-----\n";
    }
}
