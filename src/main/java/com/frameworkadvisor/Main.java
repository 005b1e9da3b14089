package com.frameworkadvisor;

import ch.qos.logback.classic.LoggerContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.frameworkadvisor.bank.InvalidQuestionBankException;
import com.frameworkadvisor.bank.QuestionBankLoader;
import com.frameworkadvisor.cli.Cli;
import com.frameworkadvisor.config.Settings;
import com.frameworkadvisor.decision.QuestionBank;
import com.frameworkadvisor.decision.Scorer;
import com.frameworkadvisor.slack.AdvisorApp;
import com.frameworkadvisor.slack.StartupException;
import com.frameworkadvisor.store.Database;
import com.frameworkadvisor.store.DatabaseUrl;
import com.frameworkadvisor.store.StoreUnavailableException;
import com.frameworkadvisor.web.AdvisorServer;
import com.frameworkadvisor.web.OperatorMetrics;
import io.javalin.util.JavalinBindException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Entry point and the one place that reads the environment: with arguments, the command line; without, the Slack
 * app server. Every reason start-up can fail ends in one place: {@link #main}'s message and exit code 2.
 */
public final class Main {
    /** How long a stopping server waits for accepted posts to reach Slack. */
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(20);
    static final int EXIT_CONFIGURATION = 2;
    /** How long after the server listens the database starts opening, when no request from Slack came first. */
    private static final Duration DATABASE_AFTER = Duration.ofSeconds(1);

    private Main() {
    }

    public static void main(String[] args) {
        try {
            QuestionBank bank = questionBank();
            if (Cli.handles(args)) {
                Cli cli = new Cli(bank, new Scorer(bank), new ObjectMapper());
                System.exit(cli.run(args, System.in, System.out, System.err));
            }
            serve(bank, settings());
        } catch (CannotStart e) {
            System.err.println(e.problems().size() == 1 ? "Framework Advisor cannot start: " + e.problems().get(0)
                    : "Framework Advisor cannot start:");
            if (e.problems().size() > 1) {
                e.problems().forEach(problem -> System.err.println("  - " + problem));
            }
            e.remedy().ifPresent(System.err::println);
            System.exit(EXIT_CONFIGURATION);
        }
    }

    private static QuestionBank questionBank() {
        try {
            return new QuestionBankLoader().loadDefault();
        } catch (InvalidQuestionBankException e) {
            throw new CannotStart(List.of("the question bank is invalid: " + e.getMessage()), "Fix "
                    + "src/main/resources/questions.yml as the message says, then build again with mvn package (the "
                    + "build checks the bank too).");
        }
    }

    private static Settings settings() {
        try {
            return Settings.fromEnvironment(System.getenv());
        } catch (Settings.InvalidSettingsException e) {
            throw new CannotStart(e.problems(), "Set these environment variables as README.md (Set-up) describes, "
                    + "then run it again.");
        }
    }

    /**
     * Starts the server. It is arranged so the first request is answered soon (docs/performance.md): the Slack side
     * is made and the bot token checked on a start-up thread while this one starts the HTTP server, and the
     * database opens (connect, migrate) once the first request from Slack has been answered, or a second after the
     * server listens, since a slash command never needs it; a call that does opens it and waits for it
     * (store/Database). A database or token problem still stops the app with a clear message. Deliveries left
     * pending by the last run resume once the database is open.
     */
    private static void serve(QuestionBank bank, Settings settings) {
        // Bolt signs over String.getBytes() with the default charset; Slack signs UTF-8 bytes.
        if (!StandardCharsets.UTF_8.equals(Charset.defaultCharset())) {
            throw new CannotStart("the JVM's default charset is " + Charset.defaultCharset() + ". Run it with "
                    + "-Dfile.encoding=UTF-8 (as the Procfile does).");
        }
        // Logging starts here, on one thread, before the start-up threads below log too.
        Logger log = LoggerFactory.getLogger(Main.class);
        log.info("starting port={} socket_mode={}", settings.port(), settings.appToken().isPresent());
        ClassDataArchive.problem().ifPresent(problem -> log.warn("{}", problem));
        DatabaseUrl databaseUrl;
        try {
            databaseUrl = DatabaseUrl.parse(settings.databaseUrl());
        } catch (IllegalArgumentException e) {
            throw badDatabase(e.getMessage());
        }
        ExecutorService startup = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "startup");
            thread.setDaemon(true);
            return thread;
        });
        Database database = Database.openWhenAsked(databaseUrl, startup);
        OperatorMetrics metrics = new OperatorMetrics(settings.metricsToken(), settings.metricsPort());
        // Bolt and the Slack client are made on a start-up thread while this one starts Jetty: on 2 cores, side by
        // side. A request that comes first waits for them.
        CompletableFuture<AdvisorApp> app = CompletableFuture.supplyAsync(
                () -> AdvisorApp.create(settings, bank, database, metrics.registry()), startup);
        CompletableFuture<Void> slackChecked = app.thenAcceptAsync(AdvisorApp::start, startup);
        AdvisorServer server;
        try {
            server = new AdvisorServer(app, settings.distributed(), settings.signingSecret(), metrics)
                    .start(settings.port());
        } catch (JavalinBindException e) {
            throw new CannotStart("port " + settings.port() + " is in use. Stop what is using it, or set PORT to a "
                    + "free port.");
        } catch (AdvisorServer.MetricsPortException e) {
            throw new CannotStart(e.getMessage() + ". Stop what is using it, or set METRICS_PORT to a free port "
                    + "(or unset it).");
        }
        // SIGTERM (a deploy, a dyno restart) or Ctrl-C, from now on: stop taking requests, finish accepted posts,
        // exit 0. Requests are taken from here, so the hook is too.
        Thread shutdown = new Thread(() -> stop(server, database, metrics, log), "shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);
        try {
            if (settings.appToken().isEmpty()) {
                // Over HTTP; in Socket Mode no request comes to the server, so there is nothing to wait for.
                awaitFirstAnswer(server);
            }
            database.awaitOpen();
            app.join().startDeliveries();
            metrics.start();
            slackChecked.join();
            settings.appToken().ifPresent(app.join()::connectSocketMode);
        } catch (StoreUnavailableException | CompletionException | StartupException e) {
            Runtime.getRuntime().removeShutdownHook(shutdown);
            server.stop(Duration.ZERO);
            throw e instanceof StoreUnavailableException ? badDatabase(e.getMessage())
                    : new CannotStart(e.getCause() instanceof StartupException cause ? cause.getMessage()
                            : e.getMessage());
        } finally {
            startup.shutdown();
        }
    }

    /**
     * Waits until Slack's first request has been answered, or {@link #DATABASE_AFTER} has passed: only then does
     * the database start opening (a request that needs it sooner opens it at once). On 2 cores, opening it while the
     * first request is answered made that first ack wait for a core.
     */
    private static void awaitFirstAnswer(AdvisorServer server) {
        try {
            server.firstSlackAnswer().toCompletableFuture().get(DATABASE_AFTER.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // No answer yet: open it now.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static CannotStart badDatabase(String problem) {
        return new CannotStart(List.of(problem), "Check DATABASE_URL (README.md, Storage), or unset it to use the "
                + "embedded database.");
    }

    /**
     * The shutdown hook. The JVM waits for it, but not for the posting threads (daemons), so it waits for them
     * itself; then it flushes the log and ends with status 0 after an orderly stop (a JVM stopped by SIGTERM would
     * otherwise report 143).
     */
    private static void stop(AdvisorServer server, Database database, OperatorMetrics metrics, Logger log) {
        try {
            server.stop(SHUTDOWN_GRACE);
            metrics.close();
            database.close();
        } catch (RuntimeException e) {
            log.error("shutdown_failed", e);
        } finally {
            if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logback) {
                logback.stop();
            }
            Runtime.getRuntime().halt(0);
        }
    }

    /** A reason the app cannot start, with what to do about it. */
    private static final class CannotStart extends RuntimeException {
        private final List<String> problems;
        private final String remedy;

        CannotStart(String problem) {
            this(List.of(problem), null);
        }

        CannotStart(List<String> problems, String remedy) {
            super(String.join("; ", problems));
            this.problems = List.copyOf(problems);
            this.remedy = remedy;
        }

        List<String> problems() {
            return problems;
        }

        Optional<String> remedy() {
            return Optional.ofNullable(remedy);
        }
    }
}
