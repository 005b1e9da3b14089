package com.frameworkadvisor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.frameworkadvisor.config.Settings;
import com.frameworkadvisor.slack.install.OAuthInstall;
import com.frameworkadvisor.slack.payload.SlackIds;
import com.frameworkadvisor.web.AdvisorServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Slack app manifest an admin pastes asks for what the code serves: paths, scopes, events, ids. */
class ManifestTest {
    private static final JsonNode MANIFEST = read();

    private static JsonNode read() {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(Path.of("slack-app-manifest.yml").toFile());
        } catch (IOException e) {
            throw new AssertionError("slack-app-manifest.yml does not read as YAML", e);
        }
    }

    private static List<String> texts(JsonNode list) {
        List<String> texts = new ArrayList<>();
        list.forEach(item -> texts.add(item.asText()));
        return texts;
    }

    @Test
    void the_bot_scopes_are_the_ones_the_install_asks_for() {
        assertEquals(List.of(OAuthInstall.BOT_SCOPES.split(",")),
                texts(MANIFEST.path("oauth_config").path("scopes").path("bot")));
    }

    @Test
    void every_request_url_is_the_events_path_and_the_redirect_url_the_install_callback() {
        JsonNode settings = MANIFEST.path("settings");
        List<String> urls = List.of(settings.path("event_subscriptions").path("request_url").asText(),
                settings.path("interactivity").path("request_url").asText(),
                MANIFEST.path("features").path("slash_commands").get(0).path("url").asText());

        assertTrue(urls.stream().allMatch(url -> url.equals("https://YOUR-HOST" + AdvisorServer.EVENTS_PATH)), urls
                .toString());
        assertEquals(List.of("https://YOUR-HOST" + OAuthInstall.REDIRECT_PATH),
                texts(MANIFEST.path("oauth_config").path("redirect_urls")));
    }

    @Test
    void it_subscribes_to_every_event_the_app_handles_and_names_the_command_and_shortcut_the_app_listens_for() {
        assertEquals(List.of("app_home_opened", "app_uninstalled", "tokens_revoked"),
                texts(MANIFEST.path("settings").path("event_subscriptions").path("bot_events")));
        assertEquals(Settings.DEFAULT_COMMAND,
                MANIFEST.path("features").path("slash_commands").get(0).path("command").asText());
        assertEquals(SlackIds.DECIDE_HERE_SHORTCUT,
                MANIFEST.path("features").path("shortcuts").get(0).path("callback_id").asText());
        assertEquals(false, MANIFEST.path("settings").path("socket_mode_enabled").asBoolean(true),
                "Slack's Marketplace does not accept Socket Mode apps");
    }
}
