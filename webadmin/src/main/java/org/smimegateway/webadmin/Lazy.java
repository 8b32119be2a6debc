package org.smimegateway.webadmin;

import java.util.function.Supplier;

/**
 * A value made on first use and kept, so that a route class James builds at start-up reads its settings and opens
 * the shared keystore or policy only when a request needs them (a broken file then fails that request, not James).
 * A failure is not kept: the next request tries again.
 */
final class Lazy<T> implements Supplier<T> {
    private final Supplier<T> maker;
    private volatile T value;

    private Lazy(Supplier<T> maker) {
        this.maker = maker;
    }

    static <T> Lazy<T> of(Supplier<T> maker) {
        return new Lazy<>(maker);
    }

    @Override
    public T get() {
        T current = value;
        if (current == null) {
            synchronized (this) {
                current = value;
                if (current == null) {
                    current = maker.get();
                    value = current;
                }
            }
        }
        return current;
    }
}
