package org.smimegateway.mailets;

import java.util.List;

import org.slf4j.LoggerFactory;
import org.smimegateway.audit.AuditLog;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

/** The audit lines written while it is open, read from the audit logger through a logback ListAppender. */
final class AuditCapture implements AutoCloseable {
    private final Logger logger = (Logger) LoggerFactory.getLogger(AuditLog.LOGGER_NAME);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    AuditCapture() {
        appender.start();
        logger.addAppender(appender);
    }

    List<String> lines() {
        return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    /** The one line of {@code event} (fails when there is none or several). */
    String line(String event) {
        List<String> matching = lines().stream().filter(l -> l.startsWith("event=" + event + " ")).toList();
        if (matching.size() != 1) {
            throw new AssertionError("expected one audit line " + event + ", got " + lines());
        }
        return matching.get(0);
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        appender.stop();
    }
}
