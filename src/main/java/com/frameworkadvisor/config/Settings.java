package com.frameworkadvisor.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The app's configuration, read once from the environment by {@link Main} (tests build it from a map).
 *
 * @param port the HTTP listen port
 * @param botToken the bot token ({@code xoxb-…}); never logged
 * @param signingSecret the signing secret that verifies every request from Slack; never logged
 * @param appToken the app-level token ({@code xapp-…}) that selects Socket Mode, if set; never logged
 * @param slackApiUrl the Web API base URL, ending in {@code /}
 * @param command the slash command, starting with {@code /}
 * @param databaseUrl the database to use, if not the embedded default
 * @param slackTimeout the read timeout of one Slack Web API call
 * @param metricsToken the bearer token {@code GET /metrics} asks for; without it, the endpoint is off; never logged
 * @param metricsPort a second port that serves {@code GET /metrics} without a token, for a scraper inside the
 *                    platform's network (Cloud Foundry's Metric Registrar); never route it publicly
 */
public record Settings(int port, String botToken, String signingSecret, Optional<String> appToken,
                       String slackApiUrl, String command, Optional<String> databaseUrl, Duration slackTimeout,
                       Optional<String> metricsToken, Optional<Integer> metricsPort) {
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
        if (botToken == null) {
            problems.add("SLACK_BOT_TOKEN is not set (the bot token, xoxb-…, from OAuth & Permissions)");
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
                if (metricsPort < 1 || metricsPort > 65535 || metricsPortText.equals(portText)) {
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
        return new Settings(port, botToken, signingSecret, Optional.ofNullable(appToken),
                apiUrl.endsWith("/") ? apiUrl : apiUrl + "/", command, Optional.ofNullable(value(env, "DATABASE_URL")),
                slackTimeout, Optional.ofNullable(metricsToken), Optional.ofNullable(metricsPort));
    }

    private static String value(Map<String, String> env, String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** Redacted, so that printing settings can never leak a secret. */
    @Override
    public String toString() {
        return "Settings[port=" + port + ", slackApiUrl=" + slackApiUrl + ", command=" + command
                + ", socketMode=" + appToken.isPresent()
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
