package org.smimegateway.keystore.cache;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A size-bounded map whose entries each carry their own expiry. Least recently used entries go first when the
 * bound is reached. Synchronized: lookups are short and the lock is never held across I/O.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class ExpiringCache<K, V> {
    private final Clock clock;
    private final Map<K, Entry<V>> entries;

    public ExpiringCache(int maxEntries, Clock clock) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1");
        }
        this.clock = clock;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, Entry<V>> eldest) {
                return size() > maxEntries;
            }
        };
    }

    /** The value for {@code key} if present and not expired. */
    public synchronized Optional<V> get(K key) {
        Entry<V> entry = entries.get(key);
        if (entry == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(entry.expires())) {
            entries.remove(key);
            return Optional.empty();
        }
        return Optional.of(entry.value());
    }

    /** Stores {@code value} until {@code expires}; an expiry in the past stores nothing. */
    public synchronized void put(K key, V value, Instant expires) {
        if (clock.instant().isBefore(expires)) {
            entries.put(key, new Entry<>(value, expires));
        }
    }

    public synchronized void remove(K key) {
        entries.remove(key);
    }

    public synchronized void clear() {
        entries.clear();
    }

    public synchronized int size() {
        return entries.size();
    }

    private record Entry<V>(V value, Instant expires) {
    }
}
