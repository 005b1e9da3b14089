package com.frameworkadvisor.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The app's configuration, read once from the environment by {@link com.frameworkadvisor.Main} (tests build it
 * from a map).
 *
 * @param port the HTTP listen port
 * @param botToken the bot token ({@code xoxb-…}) of a single-workspace app; empty when the app is distributed;
 *                 never logged
 * @param signingSecret the signing secret that verifies every request from Slack; never logged
 * @param appToken the app-level token ({@code xapp-…}) that selects Socket Mode, if set; never logged
 * @param slackApiUrl the Web API base URL, ending in {@code /}
 * @param command the slash command, starting with {@code /}
 * @param databaseUrl the database to use, if not the embedded default
 * @param slackTimeout the read timeout of one Slack Web API call
 * @param metricsToken the bearer token {@code GET /metrics} asks for; without it, the endpoint is off; never logged
 * @param distribution the OAuth settings of an app installed in many workspaces, when it is one
 * @param metricsPort a second port that serves {@code GET /metrics} without a token, for a scraper inside the
 *                    platform's network (Cloud Foundry's Metric Registrar); never route it publicly
 */
public record Settings(int port, Optional<String> botToken, String signingSecret, Optional<String> appToken,
                       String slackApiUrl, String command, Optional<String> databaseUrl, Duration slackTimeout,
                       Optional<String> metricsToken, Optional<Integer> metricsPort,
                       Optional<Distribution> distribution) {
    public static final int DEFAULT_PORT = 3000;
    public static final String DEFAULT_SLACK_API_URL = "https://slack.com/api/";
    public static final String DEFAULT_COMMAND = "/framework";
    public static final Duration DEFAULT_SLACK_TIMEOUT = Duration.ofSeconds(5);

    public Settings {
        Objects.requireNonNull(botToken, "botToken");
        Objects.requireNonNull(signingSecret, "signingSecret");
        Objects.requireNonNull(appToken, "appToken");
        Objects.requireNonNull(slackApiUrl, "slackApiUrl");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(databaseUrl, "databaseUrl");
        Objects.requireNonNull(slackTimeout, "slackTimeout");
        Objects.requireNonNull(metricsToken, "metricsToken");
        Objects.requireNonNull(metricsPort, "metricsPort");
        Objects.requireNonNull(distribution, "distribution");
        if (botToken.isEmpty() == distribution.isEmpty()) {
            throw new IllegalArgumentException("either a bot token or the OAuth settings of a distributed app");
        }
    }

    /**
     * An app installed in many workspaces through Slack's OAuth v2 flow ({@code SLACK_CLIENT_ID} and
     * {@code SLACK_CLIENT_SECRET} set).
     *
     * @param clientSecret never logged
     * @param tokenKey the AES-256 key every stored token is encrypted with ({@code TOKEN_ENCRYPTION_KEY}); never
     *                 logged
     * @param redirectUri the redirect URL registered with Slack, when the app names it ({@code SLACK_REDIRECT_URI})
     */
    public record Distribution(String clientId, String clientSecret, byte[] tokenKey, Optional<String> redirectUri) {
        public Distribution {
            Objects.requireNonNull(clientId, "clientId");
            Objects.requireNonNull(clientSecret, "clientSecret");
            Objects.requireNonNull(tokenKey, "tokenKey");
            Objects.requireNonNull(redirectUri, "redirectUri");
            tokenKey = tokenKey.clone();
        }

        @Override
        public byte[] tokenKey() {
            return tokenKey.clone();
        }

        /** Redacted. */
        @Override
        public String toString() {
            return "Distribution[clientId=" + clientId + ", redirectUri=" + redirectUri.orElse("-") + "]";
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Distribution d && clientId.equals(d.clientId) && clientSecret.equals(d.clientSecret)
                    && java.util.Arrays.equals(tokenKey, d.tokenKey) && redirectUri.equals(d.redirectUri);
        }

        @Override
        public int hashCode() {
            return clientId.hashCode();
        }
    }

    /** Whether the app is installed in many workspaces through OAuth, each with its own token. */
    public boolean distributed() {
        return distribution.isPresent();
    }

    /**
     * Reads the settings from environment variables.
     *
     * @throws InvalidSettingsException naming every missing or malformed variable
     */
    public static Settings fromEnvironment(Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        String botToken = value(env, "SLACK_BOT_TOKEN");
        String signingSecret = value(env, "SLACK_SIGNING_SECRET");
        Distribution distribution = distribution(env, problems);
        if (value(env, "SLACK_CLIENT_ID") != null || value(env, "SLACK_CLIENT_SECRET") != null) {
            botToken = null; // each workspace's token comes from its installation
        } else if (botToken == null) {
            problems.add("SLACK_BOT_TOKEN is not set (the bot token, xoxb-…, from OAuth & Permissions); or set "
                    + "SLACK_CLIENT_ID and SLACK_CLIENT_SECRET to install the app in many workspaces");
        } else if (!botToken.startsWith("xoxb-")) {
            problems.add("SLACK_BOT_TOKEN does not look like a bot token: it should start with xoxb-");
        }
        if (signingSecret == null) {
            problems.add("SLACK_SIGNING_SECRET is not set (from Basic Information → App Credentials)");
        }
        String appToken = value(env, "SLACK_APP_TOKEN");
        if (appToken != null && !appToken.startsWith("xapp-")) {
            problems.add("SLACK_APP_TOKEN does not look like an app-level token: it should start with xapp- "
                    + "(Basic Information → App-Level Tokens, scope connections:write); unset it to serve HTTP");
        }
        int port = DEFAULT_PORT;
        String portText = value(env, "PORT");
        if (portText != null) {
            try {
                port = Integer.parseInt(portText);
                if (port < 0 || port > 65535) {
                    problems.add("PORT must be between 0 and 65535, was " + portText);
                }
            } catch (NumberFormatException e) {
                problems.add("PORT must be a number, was '" + portText + "'");
            }
        }
        String apiUrl = Optional.ofNullable(value(env, "SLACK_API_URL")).orElse(DEFAULT_SLACK_API_URL);
        if (!apiUrl.matches("https?://\\S+")) {
            problems.add("SLACK_API_URL must be an http(s) URL, was '" + apiUrl + "'");
        }
        String command = Optional.ofNullable(value(env, "ADVISOR_COMMAND")).orElse(DEFAULT_COMMAND);
        if (!command.matches("/[a-z0-9_-]{1,31}")) {
            problems.add("ADVISOR_COMMAND must be a slash command such as /framework, was '" + command + "'");
        }
        Duration slackTimeout = DEFAULT_SLACK_TIMEOUT;
        String timeoutText = value(env, "SLACK_API_TIMEOUT_MS");
        if (timeoutText != null) {
            try {
                slackTimeout = Duration.ofMillis(Long.parseLong(timeoutText));
                if (slackTimeout.toMillis() < 100 || slackTimeout.toMillis() > 60_000) {
                    problems.add("SLACK_API_TIMEOUT_MS must be between 100 and 60000, was " + timeoutText);
                }
            } catch (NumberFormatException e) {
                problems.add("SLACK_API_TIMEOUT_MS must be a number of milliseconds, was '" + timeoutText + "'");
            }
        }
        String metricsToken = value(env, "METRICS_TOKEN");
        if (metricsToken != null && metricsToken.length() < 16) {
            problems.add("METRICS_TOKEN must be at least 16 characters (a random secret, e.g. openssl rand -hex 32)"
                    + "; unset it to turn /metrics off");
        }
        Integer metricsPort = null;
        String metricsPortText = value(env, "METRICS_PORT");
        if (metricsPortText != null) {
            try {
                metricsPort = Integer.parseInt(metricsPortText);
                if (metricsPort < 1 || metricsPort > 65535 || metricsPort == port) {
                    problems.add("METRICS_PORT must be a port between 1 and 65535 other than PORT, was "
                            + metricsPortText);
                }
            } catch (NumberFormatException e) {
                problems.add("METRICS_PORT must be a number, was '" + metricsPortText + "'");
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidSettingsException(problems);
        }
        return new Settings(port, Optional.ofNullable(botToken), signingSecret, Optional.ofNullable(appToken),
                apiUrl.endsWith("/") ? apiUrl : apiUrl + "/", command, Optional.ofNullable(value(env, "DATABASE_URL")),
                slackTimeout, Optional.ofNullable(metricsToken), Optional.ofNullable(metricsPort),
                Optional.ofNullable(distribution));
    }

    /** The OAuth settings, when both client credentials are set; null otherwise (problems noted). */
    private static Distribution distribution(Map<String, String> env, List<String> problems) {
        String clientId = value(env, "SLACK_CLIENT_ID");
        String clientSecret = value(env, "SLACK_CLIENT_SECRET");
        if (clientId == null && clientSecret == null) {
            return null;
        }
        if (clientId == null || clientSecret == null) {
            problems.add((clientId == null ? "SLACK_CLIENT_ID" : "SLACK_CLIENT_SECRET") + " is not set: installing "
                    + "in many workspaces needs both (Basic Information → App Credentials); unset both to run in "
                    + "one workspace with SLACK_BOT_TOKEN");
            return null;
        }
        byte[] key = null;
        String keyText = value(env, "TOKEN_ENCRYPTION_KEY");
        if (keyText == null) {
            problems.add("TOKEN_ENCRYPTION_KEY is not set: an app installed in many workspaces keeps their tokens "
                    + "encrypted with it. Make one with: openssl rand -base64 32");
        } else {
            try {
                key = Base64.getDecoder().decode(keyText);
                if (key.length != 32) {
                    problems.add("TOKEN_ENCRYPTION_KEY must be the base64 of 32 bytes, was " + key.length
                            + " bytes. Make one with: openssl rand -base64 32");
                }
            } catch (IllegalArgumentException e) {
                problems.add("TOKEN_ENCRYPTION_KEY is not base64. Make one with: openssl rand -base64 32");
            }
        }
        String redirectUri = value(env, "SLACK_REDIRECT_URI");
        if (redirectUri != null && !redirectUri.matches("https?://\\S+")) {
            problems.add("SLACK_REDIRECT_URI must be an http(s) URL ending in /slack/oauth_redirect, was '"
                    + redirectUri + "'");
        }
        return key == null || key.length != 32 ? null
                : new Distribution(clientId, clientSecret, key, Optional.ofNullable(redirectUri));
    }

    private static String value(Map<String, String> env, String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** Redacted, so that printing settings can never leak a secret. */
    @Override
    public String toString() {
        return "Settings[port=" + port + ", slackApiUrl=" + slackApiUrl + ", command=" + command
                + ", socketMode=" + appToken.isPresent() + ", distributed=" + distributed()
                + ", database=" + (databaseUrl.isPresent() ? "external" : "embedded")
                + ", metrics=" + metricsToken.isPresent() + ", metricsPort=" + metricsPort.map(String::valueOf)
                .orElse("-") + "]";
    }

    /** One or more environment variables are missing or malformed. */
    public static final class InvalidSettingsException extends RuntimeException {
        private final List<String> problems;

        InvalidSettingsException(List<String> problems) {
            super(String.join("; ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }
}
