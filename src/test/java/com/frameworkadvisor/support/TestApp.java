package com.frameworkadvisor.support;

import com.frameworkadvisor.Settings;
import com.frameworkadvisor.bank.QuestionBankLoader;
import com.frameworkadvisor.decision.QuestionBank;
import com.frameworkadvisor.slack.AdvisorApp;
import com.frameworkadvisor.web.AdvisorServer;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** The real app, built from a settings map and served on a free port, against a {@link FakeSlackApi}. */
public final class TestApp implements AutoCloseable {
    private static final QuestionBank BANK = new QuestionBankLoader().loadDefault();

    public final FakeSlackApi slack;
    public final AdvisorServer server;
    public final SignedRequests requests;
    private final boolean ownsSlack;

    private TestApp(FakeSlackApi slack, AdvisorServer server, boolean ownsSlack) {
        this.slack = slack;
        this.server = server;
        this.requests = new SignedRequests(server.port());
        this.ownsSlack = ownsSlack;
    }

    public static TestApp start() {
        return start(new FakeSlackApi(), Map.of(), true);
    }

    public static TestApp start(FakeSlackApi slack, Map<String, String> extraEnv, boolean ownsSlack) {
        AdvisorApp app = AdvisorApp.create(settings(slack, extraEnv), BANK);
        app.start();
        return new TestApp(slack, new AdvisorServer(app, SignedRequests.SIGNING_SECRET).start(0), ownsSlack);
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

    public static QuestionBank bank() {
        return BANK;
    }

    public HttpResponse<String> post(String body) {
        return requests.post(body);
    }

    public HttpResponse<String> postPayload(Object payloadJson) {
        return requests.post(SignedRequests.payloadForm(payloadJson.toString()));
    }

    @Override
    public void close() {
        server.stop(Duration.ofSeconds(5));
        if (ownsSlack) {
            slack.close();
        }
    }
}
