package com.frameworkadvisor.slack.webapi;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One HTTP POST per Web API method: the form body Slack documents, the token as a bearer header, the answer
 * read as JSON. It stands in for slack-api-client's {@code MethodsClient} on the calls this app makes, over the
 * same OkHttp client Bolt uses, because that client spent most of the app's CPU under load: its form builder
 * encodes per code point and it builds a new Gson for every answer (docs/performance.md).
 */
public final class WebApiTransport {
    private static final MediaType FORM = MediaType.get("application/x-www-form-urlencoded");

    /**
     * What Slack answered.
     *
     * @param retryAfter the {@code Retry-After} header, when there was one
     * @param body the JSON answer; missing when the body was empty or, on an HTTP error, not JSON
     */
    record Answer(int status, String retryAfter, JsonNode body) {
        boolean ok() {
            return status == 200 && body.path("ok").asBoolean(false);
        }

        /** Slack's {@code error} code, or null when the answer carries none. */
        String error() {
            JsonNode error = body.get("error");
            return error == null || !error.isTextual() ? null : error.asText();
        }
    }

    /** A 200 answer that isn't JSON: the request reached something, but nothing says whether Slack acted on it. */
    static final class UnreadableAnswerException extends IOException {
        UnreadableAnswerException(String method, Throwable cause) {
            super(method + " answered with something other than JSON", cause);
        }
    }

    private final OkHttpClient http;
    private final String apiUrl;
    private final ObjectMapper json;
    private final Map<String, HttpUrl> urls = new ConcurrentHashMap<>();

    /** @param apiUrl the Web API base URL, ending in {@code /} */
    WebApiTransport(OkHttpClient http, String apiUrl, ObjectMapper json) {
        this.http = http;
        this.apiUrl = apiUrl;
        this.json = json;
    }

    /** @param authorization the {@code Authorization} header: {@code Bearer <token>}, or Basic for the app itself */
    Answer post(String method, WebApiForm form, String authorization) throws IOException {
        Request request = new Request.Builder()
                .url(urls.computeIfAbsent(method, m -> HttpUrl.get(apiUrl + m)))
                .header("Authorization", authorization)
                .post(RequestBody.create(form.toBytes(), FORM))
                .build();
        try (Response response = http.newCall(request).execute()) {
            return new Answer(response.code(), response.header("Retry-After"), read(method, response));
        }
    }

    private JsonNode read(String method, Response response) throws IOException {
        ResponseBody body = response.body();
        byte[] bytes = body == null ? new byte[0] : body.bytes();
        if (bytes.length == 0) {
            return MissingNode.getInstance();
        }
        try {
            JsonNode tree = json.readTree(bytes);
            return tree == null ? MissingNode.getInstance() : tree;
        } catch (JacksonException e) {
            if (response.code() == 200) {
                throw new UnreadableAnswerException(method, e);
            }
            return MissingNode.getInstance();
        }
    }
}
