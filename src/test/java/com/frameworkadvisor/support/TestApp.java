package com.frameworkadvisor.support;

import com.frameworkadvisor.bank.QuestionBankLoader;
import com.frameworkadvisor.config.Settings;
import com.frameworkadvisor.decision.QuestionBank;
import com.frameworkadvisor.slack.AdvisorApp;
import com.frameworkadvisor.store.Database;
import com.frameworkadvisor.store.DatabaseUrl;
import com.frameworkadvisor.store.JdbcDecisionStore;
import com.frameworkadvisor.store.JdbcDeliveryStore;
import com.frameworkadvisor.web.AdvisorServer;
import com.frameworkadvisor.web.OperatorMetrics;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/** The real app, built from a settings map and served on a free port, against a {@link FakeSlackApi}. */
public final class TestApp implements AutoCloseable {
    private static final QuestionBank BANK = new QuestionBankLoader().loadDefault();

    public final FakeSlackApi slack;
    public final AdvisorServer server;
    public final SignedRequests requests;
    public final JdbcDecisionStore store;
    /** The app's outbox and event ids, on its database. */
    public final JdbcDeliveryStore deliveries;
    private final Database database;
    private final boolean ownsSlack;
    private boolean stopped;

    private TestApp(FakeSlackApi slack, AdvisorServer server, Database database, boolean ownsSlack) {
        this.slack = slack;
        this.server = server;
        this.database = database;
        this.store = new JdbcDecisionStore(database);
        this.deliveries = new JdbcDeliveryStore(database);
        this.requests = new SignedRequests(server.port());
        this.ownsSlack = ownsSlack;
    }

    public static TestApp start() {
        return start(new FakeSlackApi(), Map.of(), true);
    }

    /**
     * Starts the app; without a DATABASE_URL in {@code extraEnv} it gets a fresh in-memory database of its own,
     * so tests never share state through {@code ./data/}.
     */
    public static TestApp start(FakeSlackApi slack, Map<String, String> extraEnv, boolean ownsSlack) {
        Map<String, String> env = new HashMap<>(extraEnv);
        env.putIfAbsent("DATABASE_URL", "jdbc:h2:mem:test-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Settings settings = settings(slack, env);
        Database database = Database.open(DatabaseUrl.parse(settings.databaseUrl()));
        OperatorMetrics metrics = new OperatorMetrics(settings.metricsToken(), settings.metricsPort());
        AdvisorApp app = AdvisorApp.create(settings, BANK, database, metrics.registry());
        app.start();
        app.startDeliveries();
        metrics.start();
        return new TestApp(slack, new AdvisorServer(CompletableFuture.completedFuture(app),
                app.distributed(), SignedRequests.SIGNING_SECRET, metrics).start(0), database,
                ownsSlack);
    }

    public static Settings settings(FakeSlackApi slack, Map<String, String> extraEnv) {
        Map<String, String> env = new HashMap<>();
        env.put("SLACK_BOT_TOKEN", FakeSlackApi.BOT_TOKEN);
        env.put("SLACK_SIGNING_SECRET", SignedRequests.SIGNING_SECRET);
        env.put("SLACK_API_URL", slack.url());
        env.put("PORT", "0");
        env.putAll(extraEnv);
        return Settings.fromEnvironment(env);
    }

    /** The app's database, for stores a test reads directly. */
    public Database database() {
        return database;
    }

    public static QuestionBank bank() {
        return BANK;
    }

    public HttpResponse<String> post(String body) {
        return requests.post(body);
    }

    public HttpResponse<String> postPayload(Object payloadJson) {
        return requests.post(SignedRequests.payloadForm(payloadJson.toString()));
    }

    /**
     * Stops the server and waits for every accepted post to finish, so that a test can then assert that nothing
     * more was (or will be) sent to Slack: a bounded wait on the app's own executor, not a sleep. The fake Slack
     * API keeps its recorded calls. {@link #close} afterwards is harmless.
     */
    public void finishPosting() {
        if (!stopped) {
            stopped = true;
            server.stop(Duration.ofSeconds(5));
        }
    }

    @Override
    public void close() {
        finishPosting();
        database.close();
        if (ownsSlack) {
            slack.close();
        }
    }
}
