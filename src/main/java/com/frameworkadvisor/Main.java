package com.frameworkadvisor;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.frameworkadvisor.bank.InvalidQuestionBankException;
import com.frameworkadvisor.bank.QuestionBankLoader;
import com.frameworkadvisor.cli.Cli;
import com.frameworkadvisor.config.Settings;
import com.frameworkadvisor.decision.QuestionBank;
import com.frameworkadvisor.decision.Scorer;
import com.frameworkadvisor.slack.AdvisorApp;
import com.frameworkadvisor.slack.StartupException;
import com.frameworkadvisor.store.DatabaseUrl;
import com.frameworkadvisor.store.OpeningDecisionStore;
import com.frameworkadvisor.store.StoreUnavailableException;
import com.frameworkadvisor.web.AdvisorServer;
import io.javalin.util.JavalinBindException;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Entry point and the one place that reads the environment: with arguments, the command line; without, the
 * Slack app server.
 */
public final class Main {
    /** How long a stopping server waits for accepted posts to reach Slack. */
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(20);
    static final int EXIT_CONFIGURATION = 2;

    private Main() {
    }

    public static void main(String[] args) {
        QuestionBank bank;
        try {
            bank = new QuestionBankLoader().loadDefault();
        } catch (InvalidQuestionBankException e) {
            System.err.println("The question bank is invalid: " + e.getMessage());
            System.exit(EXIT_CONFIGURATION);
            return;
        }
        if (Cli.handles(args)) {
            Cli cli = new Cli(bank, new Scorer(bank), new ObjectMapper());
            System.exit(cli.run(args, System.in, System.out, System.err));
        }
        serve(bank);
    }

    private static void serve(QuestionBank bank) {
        Settings settings;
        try {
            settings = Settings.fromEnvironment(System.getenv());
        } catch (Settings.InvalidSettingsException e) {
            System.err.println("Framework Advisor cannot start:");
            e.problems().forEach(problem -> System.err.println("  - " + problem));
            System.err.println("Set these environment variables as README.md (Set-up) describes, then run it again.");
            System.exit(EXIT_CONFIGURATION);
            return;
        }
        // Bolt signs over String.getBytes() with the default charset; Slack signs UTF-8 bytes.
        if (!StandardCharsets.UTF_8.equals(Charset.defaultCharset())) {
            System.err.println("Framework Advisor cannot start: the JVM's default charset is "
                    + Charset.defaultCharset() + ". Run it with -Dfile.encoding=UTF-8 (as the Procfile does).");
            System.exit(EXIT_CONFIGURATION);
            return;
        }
        // Logging starts here, on one thread, before the start-up threads below log too.
        LoggerFactory.getLogger(Main.class).info("starting port={} socket_mode={}", settings.port(),
                settings.appToken().isPresent());
        DatabaseUrl databaseUrl;
        try {
            databaseUrl = DatabaseUrl.parse(settings.databaseUrl());
        } catch (IllegalArgumentException e) {
            exitBadDatabase(e.getMessage());
            return;
        }
        // Start-up is arranged so the first request is answered soon (README, Performance): the bot token is
        // checked while the HTTP server starts, and the database opens (connect, migrate) once the server listens,
        // since a slash command never needs it; a call that does waits for it (OpeningDecisionStore). A database
        // or token problem still stops the app with a clear message.
        ExecutorService startup = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "startup");
            thread.setDaemon(true);
            return thread;
        });
        CompletableFuture<Void> listening = new CompletableFuture<>();
        OpeningDecisionStore store = OpeningDecisionStore.open(databaseUrl,
                task -> listening.thenRunAsync(task, startup));
        AdvisorApp app = AdvisorApp.create(settings, bank, store);
        CompletableFuture<Void> slackChecked = CompletableFuture.runAsync(app::start, startup);
        AdvisorServer server;
        try {
            server = new AdvisorServer(app, settings.signingSecret()).start(settings.port());
        } catch (JavalinBindException e) {
            System.err.println("Framework Advisor cannot start: port " + settings.port() + " is in use. Stop what "
                    + "is using it, or set PORT to a free port.");
            System.exit(EXIT_CONFIGURATION);
            return;
        }
        listening.complete(null);
        // SIGTERM (a deploy, a dyno restart): stop taking requests, finish accepted posts, exit 0.
        Signal.handle(new Signal("TERM"), signal -> stop(server, store));
        Signal.handle(new Signal("INT"), signal -> stop(server, store));
        try {
            store.awaitOpen();
        } catch (StoreUnavailableException e) {
            server.stop(Duration.ZERO);
            exitBadDatabase(e.getMessage());
            return;
        }
        try {
            slackChecked.join();
            settings.appToken().ifPresent(app::connectSocketMode);
        } catch (CompletionException | StartupException e) {
            server.stop(Duration.ZERO);
            System.err.println("Framework Advisor cannot start: " + (e.getCause() instanceof StartupException
                    ? e.getCause().getMessage() : e.getMessage()));
            System.exit(EXIT_CONFIGURATION);
            return;
        }
        startup.shutdown();
    }

    private static void exitBadDatabase(String problem) {
        System.err.println("Framework Advisor cannot start: " + problem
                + ". Check DATABASE_URL (README.md, Storage), or unset it to use the embedded database.");
        System.exit(EXIT_CONFIGURATION);
    }

    private static void stop(AdvisorServer server, OpeningDecisionStore store) {
        server.stop(SHUTDOWN_GRACE);
        store.close();
        System.exit(0);
    }
}
