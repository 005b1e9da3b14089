package com.frameworkadvisor.support;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Records exceptions that kill a thread (a posting task that throws, say): those go to the JVM's default handler
 * and standard error, not to the log, so a log capture alone would miss them. Close it to restore the handler.
 */
public final class UncaughtExceptions implements AutoCloseable {
    private final Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
    private final List<String> recorded = new CopyOnWriteArrayList<>();

    private UncaughtExceptions() {
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            recorded.add("thread " + thread.getName() + ": " + trace);
            if (previous != null) {
                previous.uncaughtException(thread, e);
            }
        });
    }

    public static UncaughtExceptions record() {
        return new UncaughtExceptions();
    }

    /** Each uncaught exception: the thread's name and the stack trace. */
    public List<String> recorded() {
        return List.copyOf(recorded);
    }

    @Override
    public void close() {
        Thread.setDefaultUncaughtExceptionHandler(previous);
    }
}
