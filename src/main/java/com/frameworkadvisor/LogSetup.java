package com.frameworkadvisor;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

import java.util.Map;
import java.util.Optional;

/**
 * The logging set-up, in code rather than {@code logback.xml}: one line per event on standard output, with the
 * Slack request id, at the level {@code LOG_LEVEL} names (INFO by default). Logback finds it through
 * {@code META-INF/services}; reading an XML file instead cost a tenth of a second of every start.
 */
public final class LogSetup extends ContextAwareBase implements Configurator {
    static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSZ} %-5level [%thread] %logger{0} "
            + "request_id=%X{request_id:--} %msg%n";
    /** Libraries that are chatty at INFO: only their warnings are of use to an operator. */
    private static final Map<String, Level> QUIETER = Map.of("org.eclipse.jetty", Level.WARN,
            "com.slack.api", Level.WARN, "io.javalin", Level.WARN, "org.flywaydb", Level.WARN,
            "com.zaxxer.hikari", Level.WARN);

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("STDOUT");
        console.setEncoder(encoder);
        console.start();

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(logLevel().orElse("INFO"), Level.INFO));
        root.addAppender(console);
        QUIETER.forEach((name, level) -> context.getLogger(name).setLevel(level));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    private static Optional<String> logLevel() {
        return Optional.ofNullable(System.getProperty("LOG_LEVEL")).or(() -> Optional.ofNullable(
                System.getenv("LOG_LEVEL"))).map(String::strip).filter(level -> !level.isEmpty());
    }
}
