package com.frameworkadvisor.support;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.ConsoleAppender;
import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * Records every event that reaches the root logger, at the levels the app's logging configuration sets, so tests
 * can assert on what the app logged. Close it to detach (and to give the console back, if it was silenced).
 */
public final class LogCapture implements AutoCloseable {
    /** One captured event, rendered once when it was logged (so later changes to its arguments do not matter). */
    public record Event(Level level, String logger, String thread, String message, Map<String, String> mdc,
                        String throwable) {
        public boolean hasThrowable() {
            return throwable != null;
        }

        /** The message and everything attached to it: the MDC and the throwable's stack trace. */
        public String fullText() {
            return level + " " + logger + " " + mdc + " " + message + (throwable == null ? "" : "\n" + throwable);
        }

        @Override
        public String toString() {
            return fullText();
        }
    }

    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final List<Appender<ILoggingEvent>> silenced = new ArrayList<>();
    private final AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
            IThrowableProxy thrown = event.getThrowableProxy();
            events.add(new Event(event.getLevel(), event.getLoggerName(), event.getThreadName(),
                    event.getFormattedMessage(), Map.copyOf(event.getMDCPropertyMap()),
                    thrown == null ? null : ThrowableProxyUtil.asString(thrown)));
        }
    };

    private LogCapture(boolean silenceConsole) {
        appender.setContext(root.getLoggerContext());
        appender.setName("test-capture-" + System.identityHashCode(this));
        appender.start();
        root.addAppender(appender);
        if (silenceConsole) {
            for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
                Appender<ILoggingEvent> existing = it.next();
                if (existing instanceof ConsoleAppender) {
                    silenced.add(existing);
                }
            }
            silenced.forEach(root::detachAppender);
        }
    }

    /** Captures, and still prints to the console. */
    public static LogCapture start() {
        return new LogCapture(false);
    }

    /**
     * Captures without printing to the console, for tests that log thousands of lines (the fuzz test); failure
     * messages should then quote the captured events.
     */
    public static LogCapture startQuietly() {
        return new LogCapture(true);
    }

    public List<Event> events() {
        return List.copyOf(events);
    }

    public List<Event> events(Predicate<Event> filter) {
        return events.stream().filter(filter).toList();
    }

    /** Events at ERROR whose message contains {@code text}. */
    public List<Event> errors(String text) {
        return events(e -> e.level() == Level.ERROR && e.message().contains(text));
    }

    /** Waits, polling, until {@code count} events match; fails with what was logged if they do not arrive. */
    public List<Event> await(Predicate<Event> filter, int count, Duration timeout) {
        try {
            return Waits.atMost(timeout).until(() -> events(filter), matching -> matching.size() >= count);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("expected " + count + " matching log events within " + timeout + ", got "
                    + events(filter).size() + "; logged:\n" + String.join("\n", events.stream()
                    .map(Event::fullText).toList()));
        }
    }

    @Override
    public void close() {
        silenced.forEach(root::addAppender);
        silenced.clear();
        root.detachAppender(appender);
        appender.stop();
    }
}
