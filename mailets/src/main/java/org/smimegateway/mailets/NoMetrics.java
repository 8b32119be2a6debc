package org.smimegateway.mailets;

import org.apache.james.metrics.api.Metric;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.metrics.api.TimeMetric;
import org.reactivestreams.Publisher;

/**
 * A {@link MetricFactory} that records nothing: what a mailet built without James (a unit test, a benchmark) counts
 * with. James itself always hands its own factory to the mailets' injected constructors.
 */
final class NoMetrics implements MetricFactory {
    static final MetricFactory INSTANCE = new NoMetrics();

    private static final Metric NO_METRIC = new Metric() {
        @Override
        public void increment() {
        }

        @Override
        public void decrement() {
        }

        @Override
        public void add(int value) {
        }

        @Override
        public void remove(int value) {
        }

        @Override
        public long getCount() {
            return 0;
        }
    };

    private NoMetrics() {
    }

    @Override
    public Metric generate(String name) {
        return NO_METRIC;
    }

    @Override
    public TimeMetric timer(String name) {
        return new TimeMetric() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public ExecutionResult stopAndPublish() {
                return new ExecutionResult() {
                    @Override
                    public java.time.Duration elasped() {
                        return java.time.Duration.ZERO;
                    }

                    @Override
                    public ExecutionResult logWhenExceedP99(java.time.Duration thresholdInNanoSeconds) {
                        return this;
                    }
                };
            }
        };
    }

    @Override
    public <T> Publisher<T> decoratePublisherWithTimerMetric(String name, Publisher<T> publisher) {
        return publisher;
    }

    @Override
    public <T> Publisher<T> decoratePublisherWithTimerMetricLogP99(String name, Publisher<T> publisher) {
        return publisher;
    }
}
