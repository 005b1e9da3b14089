package com.frameworkadvisor.config;

import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which mode the environment selects, and what start-up says when the OAuth settings are incomplete or wrong. */
class DistributionSettingsTest {
    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

    private static Map<String, String> env(String... nameThenValue) {
        Map<String, String> env = new HashMap<>(Map.of("SLACK_SIGNING_SECRET", "secret"));
        for (int i = 0; i < nameThenValue.length; i += 2) {
            env.put(nameThenValue[i], nameThenValue[i + 1]);
        }
        return env;
    }

    private static List<String> problems(Map<String, String> env) {
        return assertThrows(Settings.InvalidSettingsException.class, () -> Settings.fromEnvironment(env)).problems();
    }

    @Test
    void a_bot_token_alone_is_a_single_workspace_app_as_before() {
        Settings settings = Settings.fromEnvironment(env("SLACK_BOT_TOKEN", "xoxb-1"));

        assertFalse(settings.distributed());
        assertEquals("xoxb-1", settings.botToken().orElseThrow());
    }

    @Test
    void client_id_secret_and_key_make_a_distributed_app_that_needs_no_bot_token_and_ignores_one() {
        Settings settings = Settings.fromEnvironment(env("SLACK_CLIENT_ID", "1.2", "SLACK_CLIENT_SECRET", "s3cret",
                "TOKEN_ENCRYPTION_KEY", KEY, "SLACK_BOT_TOKEN", "xoxb-ignored"));

        assertTrue(settings.distributed());
        assertTrue(settings.botToken().isEmpty());
        assertFalse(settings.toString().contains("s3cret") || settings.distribution().orElseThrow().toString()
                .contains("s3cret"), "the client secret is never printed");
    }

    @Test
    void a_distributed_app_without_a_key_or_with_a_malformed_one_does_not_start_and_says_how_to_make_one() {
        List<String> missing = problems(env("SLACK_CLIENT_ID", "1.2", "SLACK_CLIENT_SECRET", "s"));
        List<String> shortKey = problems(env("SLACK_CLIENT_ID", "1.2", "SLACK_CLIENT_SECRET", "s",
                "TOKEN_ENCRYPTION_KEY", Base64.getEncoder().encodeToString(new byte[16])));
        List<String> notBase64 = problems(env("SLACK_CLIENT_ID", "1.2", "SLACK_CLIENT_SECRET", "s",
                "TOKEN_ENCRYPTION_KEY", "not base64!"));

        assertEquals(1, missing.size(), missing.toString());
        assertTrue(missing.get(0).contains("TOKEN_ENCRYPTION_KEY") && missing.get(0).contains("openssl rand"));
        assertTrue(shortKey.get(0).contains("32 bytes, was 16"), shortKey.toString());
        assertTrue(notBase64.get(0).contains("not base64"), notBase64.toString());
        assertFalse(notBase64.get(0).contains("not base64!"), "the value itself is not repeated");
    }

    @Test
    void a_client_id_without_its_secret_names_the_missing_one_and_both_ways_out() {
        List<String> problems = problems(env("SLACK_CLIENT_ID", "1.2", "TOKEN_ENCRYPTION_KEY", KEY));

        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("SLACK_CLIENT_SECRET is not set"), problems.get(0));
        assertTrue(problems.get(0).contains("SLACK_BOT_TOKEN"), problems.get(0));
    }
}
