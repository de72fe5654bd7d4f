package dev.tollgate.fuzz;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/**
 * Reads every log event of the application as it is written, the servlet container's included (it logs through
 * SLF4J), and keeps those that show one of the secrets: in the message, its arguments or any exception's message.
 */
final class LogWatch extends AppenderBase<ILoggingEvent> implements AutoCloseable {

    private final List<String> secrets;
    private final List<String> leaks = new CopyOnWriteArrayList<>();

    private LogWatch(List<String> secrets) {
        this.secrets = List.copyOf(secrets);
    }

    static LogWatch forSecrets(List<String> secrets) {
        LogWatch watch = new LogWatch(secrets);
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        watch.setContext(context);
        watch.setName("secret-watch");
        watch.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(watch);
        return watch;
    }

    @Override
    protected void append(ILoggingEvent event) {
        StringBuilder text =
                new StringBuilder(event.getLoggerName()).append(' ').append(event.getFormattedMessage());
        for (IThrowableProxy thrown = event.getThrowableProxy(); thrown != null; thrown = thrown.getCause()) {
            text.append(' ').append(thrown.getClassName()).append(": ").append(thrown.getMessage());
        }
        for (String secret : secrets) {
            if (text.indexOf(secret) >= 0) {
                leaks.add(event.getLoggerName() + ": " + event.getFormattedMessage());
                return;
            }
        }
    }

    List<String> leaks() {
        return List.copyOf(leaks);
    }

    void clear() {
        leaks.clear();
    }

    @Override
    public void close() {
        ((LoggerContext) LoggerFactory.getILoggerFactory())
                .getLogger(Logger.ROOT_LOGGER_NAME)
                .detachAppender(this);
        stop();
    }
}
