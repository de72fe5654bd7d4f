package dev.tollgate.web;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.slf4j.helpers.FormattingTuple;
import org.slf4j.helpers.MessageFormatter;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * Keeps credentials out of every log line, the container's and the libraries' included: a line whose message or
 * exception holds one (see {@link LogRedaction}) is written with it replaced, through the same appenders. It is a
 * turbo filter so that it sees every event before any appender does, whatever the appenders are (console, file,
 * structured JSON).
 */
@Component
class CredentialLogFilter extends TurboFilter implements InitializingBean {

    private static final String FQCN = CredentialLogFilter.class.getName();

    /** Installs the filter once per logging context; a context reset by a restart of logging gets it again. */
    @Override
    public void afterPropertiesSet() {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (factory instanceof LoggerContext context
                && context.getTurboFilterList().stream().noneMatch(CredentialLogFilter.class::isInstance)) {
            setContext(context);
            start();
            context.addTurboFilter(this);
        }
    }

    @Override
    public FilterReply decide(
            @Nullable Marker marker,
            Logger logger,
            Level level,
            @Nullable String format,
            Object @Nullable [] params,
            @Nullable Throwable thrown) {
        if (level == null
                || (format == null && thrown == null)
                || !level.isGreaterOrEqual(logger.getEffectiveLevel())) {
            return FilterReply.NEUTRAL;
        }
        FormattingTuple formatted = MessageFormatter.arrayFormat(format, params);
        String message = formatted.getMessage();
        Throwable throwable = thrown != null ? thrown : formatted.getThrowable();
        String redacted = message == null ? null : LogRedaction.redact(message);
        boolean messageLeaks = redacted != null && !redacted.equals(message);
        if (!messageLeaks && !leaks(throwable)) {
            return FilterReply.NEUTRAL;
        }
        LoggingEvent event = new LoggingEvent(
                FQCN, logger, level, redacted, throwable == null ? null : Redacted.copyOf(throwable), null);
        if (marker != null) {
            event.addMarker(marker);
        }
        logger.callAppenders(event);
        return FilterReply.DENY;
    }

    private static boolean leaks(@Nullable Throwable throwable) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = throwable; t != null && seen.add(t); t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && !LogRedaction.redact(message).equals(message)) {
                return true;
            }
            for (Throwable suppressed : t.getSuppressed()) {
                if (leaks(suppressed)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * An exception as it is logged once its messages are redacted: the original's class name leads the message, its
     * stack trace, causes and suppressed exceptions are kept.
     */
    static final class Redacted extends RuntimeException {

        private Redacted(String message) {
            super(message);
        }

        static Throwable copyOf(Throwable original) {
            return copyOf(original, Collections.newSetFromMap(new IdentityHashMap<>()));
        }

        private static Throwable copyOf(Throwable original, Set<Throwable> seen) {
            seen.add(original);
            String message = original.getMessage();
            Redacted copy = new Redacted(
                    original.getClass().getName() + (message == null ? "" : ": " + LogRedaction.redact(message)));
            copy.setStackTrace(original.getStackTrace());
            Throwable cause = original.getCause();
            if (cause != null && !seen.contains(cause)) {
                copy.initCause(copyOf(cause, seen));
            }
            for (Throwable suppressed : original.getSuppressed()) {
                if (!seen.contains(suppressed)) {
                    copy.addSuppressed(copyOf(suppressed, seen));
                }
            }
            return copy;
        }
    }
}
