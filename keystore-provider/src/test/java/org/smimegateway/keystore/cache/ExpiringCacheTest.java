package org.smimegateway.keystore.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.smimegateway.keystore.trust.MutableClock;

class ExpiringCacheTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));

    @Test
    void entriesExpireAtTheirOwnTime() {
        ExpiringCache<String, String> cache = new ExpiringCache<>(10, clock);
        cache.put("short", "a", clock.instant().plusSeconds(10));
        cache.put("long", "b", clock.instant().plusSeconds(100));

        clock.advance(Duration.ofSeconds(10));

        assertThat(cache.get("short")).isEmpty();
        assertThat(cache.get("long")).contains("b");
    }

    @Test
    void theLeastRecentlyUsedEntryGoesWhenFull() {
        ExpiringCache<String, String> cache = new ExpiringCache<>(2, clock);
        Instant later = clock.instant().plusSeconds(60);
        cache.put("a", "1", later);
        cache.put("b", "2", later);
        cache.get("a");

        cache.put("c", "3", later);

        assertThat(cache.get("a")).contains("1");
        assertThat(cache.get("b")).isEmpty();
        assertThat(cache.get("c")).contains("3");
    }

    @Test
    void anExpiryInThePastStoresNothing() {
        ExpiringCache<String, String> cache = new ExpiringCache<>(2, clock);

        cache.put("a", "1", clock.instant());

        assertThat(cache.size()).isZero();
    }
}
