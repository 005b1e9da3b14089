package com.frameworkadvisor.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.frameworkadvisor.bank.QuestionBankLoader;
import com.frameworkadvisor.config.Settings;
import com.frameworkadvisor.slack.AdvisorApp;
import com.frameworkadvisor.slack.StartupException;
import com.frameworkadvisor.store.Database;
import com.frameworkadvisor.store.DatabaseUrl;
import com.frameworkadvisor.support.FakeSlackApi;
import com.frameworkadvisor.support.FakeSocketModeServer;
import com.frameworkadvisor.support.SignedRequests;
import com.frameworkadvisor.support.TestApp;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** With SLACK_APP_TOKEN the same app answers over Socket Mode, against fakes of Slack's endpoints on loopback. */
class SocketModeTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void slash_command_envelope_over_socket_mode_is_acked_and_opens_the_modal() throws Exception {
        try (FakeSlackApi slack = new FakeSlackApi(); FakeSocketModeServer socket = new FakeSocketModeServer();
             Database store = Database.open(DatabaseUrl.parse(
                     java.util.Optional.of("jdbc:h2:mem:socket-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")))) {
            // given
            slack.socketModeUrl(socket.url());
            Settings settings = TestApp.settings(slack, Map.of("SLACK_APP_TOKEN", FakeSlackApi.APP_TOKEN));
            AdvisorApp app = AdvisorApp.create(settings, new QuestionBankLoader().loadDefault(), store,
                    new CompositeMeterRegistry());
            app.start();
            AdvisorServer server = new AdvisorServer(CompletableFuture.completedFuture(app), false,
                    SignedRequests.SIGNING_SECRET, new OperatorMetrics(Optional.empty(), Optional.empty())).start(0);
            try {
                // when
                app.connectSocketMode(settings.appToken().orElseThrow());
                socket.awaitConnection(WAIT);
                socket.deliver("""
                        {"envelope_id":"env-1","type":"slash_commands","accepts_response_payload":true,
                         "payload":{"token":"x","team_id":"T0TEST","team_domain":"test","channel_id":"C0GENERAL",
                          "channel_name":"general","user_id":"U0ASKER1","user_name":"someone","command":"/framework",
                          "text":"Laptop project","api_app_id":"A0TEST","response_url":"https://hooks.slack.com/x",
                          "trigger_id":"1.2.3"}}""");

                // then
                JsonNode ack = MAPPER.readTree(socket.awaitReceived("env-1", WAIT));
                assertEquals("env-1", ack.path("envelope_id").asText());
                JsonNode view = slack.await("views.open", 1, WAIT).get(0).json("view");
                assertEquals("framework_decision", view.path("callback_id").asText());
                assertTrue(view.toString().contains("Laptop project"));
                assertEquals("Bearer " + FakeSlackApi.APP_TOKEN,
                        slack.calls("apps.connections.open").get(0).authorization());
                assertEquals(200, new SignedRequests(server.port()).get("/health").statusCode(),
                        "/health still serves in Socket Mode");
            } finally {
                server.stop(Duration.ofSeconds(2));
            }
        }
    }

    @Test
    void wrong_app_token_stops_start_up_with_a_message_naming_the_remedy() throws Exception {
        try (FakeSlackApi slack = new FakeSlackApi();
             Database store = Database.open(DatabaseUrl.parse(
                     java.util.Optional.of("jdbc:h2:mem:socket-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")))) {
            // given: the fake refuses this app-level token
            String wrongToken = "xapp-1-A0TEST-0000-wrong";
            AdvisorApp app = AdvisorApp.create(TestApp.settings(slack, Map.of("SLACK_APP_TOKEN", wrongToken)),
                    new QuestionBankLoader().loadDefault(), store, new CompositeMeterRegistry());
            app.start();

            // when
            StartupException e = assertThrows(StartupException.class, () -> app.connectSocketMode(wrongToken));

            // then
            assertTrue(e.getMessage().contains("SLACK_APP_TOKEN"), e.getMessage());
            assertTrue(e.getMessage().contains("connections:write"), e.getMessage());
            assertFalse(e.getMessage().contains(wrongToken), "the token itself is never printed");
            app.drain(Duration.ofSeconds(1));
        }
    }
}
