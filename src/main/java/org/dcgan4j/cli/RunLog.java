package org.dcgan4j.cli;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * Sends every log event, with timestamps, and every stack trace to one log file (the run's
 * {@code train.log}, or a fallback file for commands without a run folder).
 */
final class RunLog {

    static final String TRACE_LOGGER = "dcgan4j.trace";
    private static Path current;

    private RunLog() {
    }

    static synchronized Path current() {
        return current;
    }

    static synchronized void attach(Path file) {
        if (file.equals(current)) {
            return;
        }
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level %logger{36} - %msg%n");
        encoder.start();
        FileAppender<ILoggingEvent> appender = new FileAppender<>();
        appender.setContext(context);
        appender.setName("RUN_FILE");
        appender.setFile(file.toString());
        appender.setAppend(true);
        appender.setEncoder(encoder);
        appender.start();
        for (String name : new String[] {Logger.ROOT_LOGGER_NAME, "org.dcgan4j", TRACE_LOGGER}) {
            Logger logger = context.getLogger(name);
            logger.detachAppender("RUN_FILE");
            logger.addAppender(appender);
        }
        current = file;
    }

    /** Writes the stack trace of {@code error} to the log file, attaching {@code fallback} if none is. */
    static synchronized Path trace(String what, Throwable error, Path fallback) {
        if (current == null) {
            attach(fallback);
        }
        LoggerFactory.getLogger(TRACE_LOGGER).error(what, error);
        return current;
    }
}
