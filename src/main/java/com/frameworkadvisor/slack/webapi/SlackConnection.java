package com.frameworkadvisor.slack.webapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.util.http.SlackHttpClient;
import okhttp3.OkHttpClient;

import java.time.Duration;

/**
 * The app's one connection to Slack's Web API at a base URL ({@code SLACK_API_URL}; tests point it at a fake): one
 * OkHttp client and connection pool, kept alive, shared by Bolt's own calls ({@link #slack()}) and the app's
 * ({@link #transport}). Every call is bounded by the timeout.
 */
public final class SlackConnection {
    private final String apiUrl;
    private final OkHttpClient http;
    private final Slack slack;

    /** @param apiUrl the Web API base URL, ending in {@code /} */
    public SlackConnection(String apiUrl, Duration timeout) {
        this.apiUrl = apiUrl;
        SlackConfig config = slackConfig(apiUrl, timeout);
        this.http = httpClient(config);
        this.slack = Slack.getInstance(config, new SlackHttpClient(http));
    }

    /** Slack's SDK on this connection, for Bolt. */
    public Slack slack() {
        return slack;
    }

    /** The app's own calls on this connection. */
    public WebApiTransport transport(ObjectMapper json) {
        return new WebApiTransport(http, apiUrl, json);
    }

    private static SlackConfig slackConfig(String apiUrl, Duration timeout) {
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(apiUrl);
        config.setStatsEnabled(false);
        // Every Web API call is bounded: a slow Slack must not hold a request thread or a posting thread.
        config.setHttpClientReadTimeoutMillis((int) timeout.toMillis());
        config.setHttpClientWriteTimeoutMillis((int) timeout.toMillis());
        config.setHttpClientCallTimeoutMillis((int) timeout.toMillis() * 2);
        return config;
    }

    /** The one HTTP client for Slack, shared by Bolt and {@link WebApiTransport}: one connection pool, kept alive. */
    private static OkHttpClient httpClient(SlackConfig config) {
        return SlackHttpClient.buildOkHttpClient(config).newBuilder()
                .connectTimeout(Duration.ofSeconds(3))
                .socketFactory(new NoDelaySocketFactory())
                .build();
    }
}
