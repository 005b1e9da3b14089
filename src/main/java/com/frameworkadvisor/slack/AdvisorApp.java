package com.frameworkadvisor.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.frameworkadvisor.config.Settings;
import com.frameworkadvisor.decision.QuestionBank;
import com.frameworkadvisor.decision.Scorer;
import com.frameworkadvisor.slack.delivery.DecisionPoster;
import com.frameworkadvisor.slack.delivery.DeliveryWorker;
import com.frameworkadvisor.slack.delivery.PostingExecutor;
import com.frameworkadvisor.slack.install.InstalledBots;
import com.frameworkadvisor.slack.install.OAuthInstall;
import com.frameworkadvisor.slack.install.StoredInstallationService;
import com.frameworkadvisor.slack.install.StoredOAuthStates;
import com.frameworkadvisor.slack.install.WorkspaceRemoval;
import com.frameworkadvisor.slack.listen.AskCommand;
import com.frameworkadvisor.slack.listen.DecideHereShortcut;
import com.frameworkadvisor.slack.listen.DecisionRecorder;
import com.frameworkadvisor.slack.listen.DecisionSubmission;
import com.frameworkadvisor.slack.listen.HomeTab;
import com.frameworkadvisor.slack.listen.OnceEvents;
import com.frameworkadvisor.slack.listen.ReanswerAction;
import com.frameworkadvisor.slack.payload.SlackIds;
import com.frameworkadvisor.slack.render.DecisionRecordRenderer;
import com.frameworkadvisor.slack.render.HistoryRenderer;
import com.frameworkadvisor.slack.render.HomeRenderer;
import com.frameworkadvisor.slack.render.ModalRenderer;
import com.frameworkadvisor.slack.render.ParentRenderer;
import com.frameworkadvisor.slack.render.ThreadRenderer;
import com.frameworkadvisor.slack.webapi.BotTokens;
import com.frameworkadvisor.slack.webapi.RetryClock;
import com.frameworkadvisor.slack.webapi.SlackCallException;
import com.frameworkadvisor.slack.webapi.SlackConnection;
import com.frameworkadvisor.slack.webapi.SlackHealth;
import com.frameworkadvisor.slack.webapi.WebApi;
import com.frameworkadvisor.slack.webapi.WebApiForm;
import com.frameworkadvisor.slack.webapi.WebApiTransport;
import com.frameworkadvisor.store.Database;
import com.frameworkadvisor.store.DecisionStore;
import com.frameworkadvisor.store.JdbcDecisionStore;
import com.frameworkadvisor.store.JdbcDeliveryStore;
import com.frameworkadvisor.store.JdbcInstallations;
import com.frameworkadvisor.store.JdbcOAuthStates;
import com.frameworkadvisor.store.TokenCipher;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.model.event.AppHomeOpenedEvent;
import com.slack.api.model.event.AppUninstalledEvent;
import com.slack.api.model.event.TokensRevokedEvent;
import com.slack.api.socket_mode.SocketModeClient;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The Slack side of Framework Advisor: a Bolt {@link App} with this app's listeners, its Web API client and the
 * executor that posts after the ack. Built from {@link Settings} alone, so tests start the real thing.
 */
public final class AdvisorApp {
    private static final Logger log = LoggerFactory.getLogger(AdvisorApp.class);

    private final Settings settings;
    private final App bolt;
    private final WebApi api;
    private final SlackHealth health;
    private final DeliveryWorker deliveries;
    private final PostingExecutor posting;
    private final RequestRouter router;
    private volatile SocketModeApp socketMode;

    private AdvisorApp(Settings settings, App bolt, WebApi api, SlackHealth health, DeliveryWorker deliveries,
                       PostingExecutor posting, RequestRouter router) {
        this.posting = posting;
        this.settings = settings;
        this.bolt = bolt;
        this.api = api;
        this.health = health;
        this.deliveries = deliveries;
        this.router = router;
    }

    /**
     * Builds the app.
     *
     * @param database where decision threads, answer sets and the outbox of accepted submissions are kept
     * @param meters where the app's metrics go (a registry that keeps nothing when metrics are off)
     */
    public static AdvisorApp create(Settings settings, QuestionBank bank, Database database, MeterRegistry meters) {
        DecisionStore store = new JdbcDecisionStore(database);
        SlackConnection connection = new SlackConnection(settings.slackApiUrl(), settings.slackTimeout());
        SlackHealth health = new SlackHealth();
        PostingExecutor posting = new PostingExecutor();
        ObjectMapper json = new ObjectMapper();
        Clock clock = Clock.systemUTC();
        WebApiTransport transport = connection.transport(json);
        JdbcDeliveryStore outbox = new JdbcDeliveryStore(database);

        App bolt;
        BotTokens tokens;
        Optional<StoredInstallationService> installed = Optional.empty();
        if (settings.distribution().isPresent()) {
            Settings.Distribution distribution = settings.distribution().get();
            JdbcInstallations installations = new JdbcInstallations(database,
                    new TokenCipher(distribution.tokenKey()), clock);
            InstalledBots bots = new InstalledBots(installations, new WebApi(transport, BotTokens.none(), health,
                    posting, RetryClock.SYSTEM, meters), distribution, clock);
            tokens = bots;
            bolt = new App(OAuthInstall.config(settings, distribution, connection.slack()));
            installed = Optional.of(new StoredInstallationService(installations, bots));
            OAuthInstall.host(bolt, settings.command(), installed.get(),
                    new StoredOAuthStates(new JdbcOAuthStates(database, clock)));
        } else {
            String botToken = settings.botToken().orElseThrow();
            tokens = BotTokens.single(botToken);
            bolt = new App(AppConfig.builder()
                    .slack(connection.slack())
                    .singleTeamBotToken(botToken)
                    .signingSecret(settings.signingSecret())
                    // Bolt's builder reads these from the environment by default; SLACK_CLIENT_ID would switch it
                    // to OAuth mode, which the settings choose (SLACK_CLIENT_ID and SLACK_CLIENT_SECRET together).
                    .clientId(null)
                    .clientSecret(null)
                    .verificationToken(null)
                    // The HTTP adapter (web/BoltAdapter) verifies every request before Bolt sees it, in constant
                    // time and with a two-sided timestamp window; Bolt's own check is neither, and Socket Mode
                    // skips it.
                    .requestVerificationEnabled(false)
                    .build());
        }
        WebApi api = new WebApi(transport, tokens, health, posting, RetryClock.SYSTEM, meters);

        ModalRenderer modals = new ModalRenderer(bank);
        ParentRenderer parents = new ParentRenderer(json);
        ThreadRenderer threads = new ThreadRenderer(bank, json);
        Scorer scorer = new Scorer(bank);
        HistoryRenderer history = new HistoryRenderer(bank, scorer);
        DecisionPoster poster = new DecisionPoster(api, parents, threads, scorer, bank, store, clock);
        bolt.command(settings.command(), new AskCommand(settings.command(), modals, api, json, history,
                store));
        // Deliveries have threads of their own: a backlog of them never delays the listeners' short work after an
        // ack (an ephemeral note, the Home tab).
        DeliveryWorker deliveries = new DeliveryWorker(outbox, new PostingExecutor("deliver"), poster, bank, json,
                clock, meters);
        OnceEvents events = new OnceEvents(outbox, clock);
        DecisionSubmission decisionSubmission = new DecisionSubmission(bank, deliveries, tokens, json);
        bolt.viewSubmission(SlackIds.DECISION_MODAL, decisionSubmission);
        bolt.blockAction(SlackIds.REANSWER, new ReanswerAction(modals, api, posting, json, store));
        bolt.messageShortcut(SlackIds.DECIDE_HERE_SHORTCUT, new DecideHereShortcut(modals, api, json));
        DecisionRecorder recorder = new DecisionRecorder(api, parents, threads, new DecisionRecordRenderer(),
                scorer, bank, store, posting, json, clock);
        bolt.blockAction(SlackIds.RECORD_DECISION, recorder::record);
        bolt.blockAction(SlackIds.REOPEN_DECISION, recorder::reopen);
        HomeTab home = new HomeTab(api, modals, new HomeRenderer(bank, history, settings.command()), store, posting,
                json);
        bolt.event(AppHomeOpenedEvent.class, events.once(home::opened));
        bolt.blockAction(SlackIds.HOME_NEW_DECISION, home::startDecision);
        WorkspaceRemoval removal = new WorkspaceRemoval(installed, store, outbox, deliveries, json);
        bolt.event(AppUninstalledEvent.class, events.once(removal::uninstalled));
        bolt.event(TokensRevokedEvent.class, events.once(removal::tokensRevoked));
        return new AdvisorApp(settings, bolt, api, health, deliveries, posting,
                new RequestRouter(bolt, health, decisionSubmission));
    }

    /**
     * Checks the bot token with {@code auth.test} and starts Bolt, so a bad token stops start-up instead of
     * failing a user's first request.
     *
     * @throws StartupException naming the problem and the remedy (never the token)
     */
    public void start() {
        if (settings.distributed()) {
            // Each workspace's token is checked as its requests come (Bolt's authorization); there is no app token.
            bolt.start();
            log.info("slack_ready mode=distributed install_path={}", OAuthInstall.INSTALL_PATH);
            return;
        }
        try {
            JsonNode auth = api.call("auth.test", WebApi.Budget.BACKGROUND, new WebApiForm());
            log.info("slack_connected team={} bot_user={}", auth.path("team").asText(), auth.path("user_id").asText());
        } catch (SlackCallException e) {
            throw new StartupException(switch (e.kind()) {
                case CONFIGURATION -> "Slack rejected SLACK_BOT_TOKEN (" + e.error() + "). Copy the Bot User "
                        + "OAuth Token (xoxb-…) from the app's OAuth & Permissions page; see README.md, Set-up.";
                case UNAVAILABLE -> "Could not reach the Slack Web API at " + settings.slackApiUrl()
                        + " to check SLACK_BOT_TOKEN (" + e.error() + "). Check the network and SLACK_API_URL.";
                default -> "Slack's auth.test failed (" + e.error() + "); see README.md, Set-up.";
            });
        }
        bolt.start();
    }

    /**
     * Connects to Slack over Socket Mode (an outbound WebSocket; no public URL needed). The same listeners answer.
     *
     * @throws StartupException when Slack refuses the app-level token or cannot be reached
     */
    public void connectSocketMode(String appToken) {
        try {
            SocketModeApp socket = new SocketModeApp(appToken, bolt, SocketModeClient.Backend.JavaWebSocket);
            socket.startAsync();
            socketMode = socket;
            log.info("socket_mode_connected");
        } catch (Exception e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new StartupException("Slack refused Socket Mode with SLACK_APP_TOKEN (" + reason.replace(appToken,
                    "xapp-…") + "). Generate an app-level token with the connections:write scope under Basic "
                    + "Information → App-Level Tokens, and turn Socket Mode on (README.md, Quick start).");
        }
    }

    /**
     * Answers one signed HTTP request from Slack: a decision-modal submission through its listener's own reader,
     * everything else parsed and routed by Bolt ({@link RequestRouter}).
     */
    public Routed run(InboundRequest request) {
        return router.run(request);
    }

    /** Whether the app is installed in many workspaces through OAuth (and serves the install pages). */
    public boolean distributed() {
        return settings.distributed();
    }

    public SlackHealth health() {
        return health;
    }

    /**
     * Starts delivering: resumes the deliveries left pending (by a stop or a crash) and takes over those of an
     * instance that died. Called once the database is open.
     */
    public void startDeliveries() {
        deliveries.start();
    }

    /**
     * Stops taking new posting work and waits up to {@code timeout} for accepted posts to finish; those that do
     * not stay in the outbox for the next start.
     */
    public boolean drain(Duration timeout) {
        if (socketMode != null) {
            try {
                socketMode.stop();
            } catch (Exception e) {
                log.warn("socket_mode_stop_failed problem={}", e.getClass().getSimpleName());
            }
        }
        try {
            long deadline = System.nanoTime() + timeout.toNanos();
            boolean delivered = deliveries.stop(timeout);
            boolean rest = posting.drain(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            return delivered && rest;
        } finally {
            bolt.stop();
        }
    }
}
