package com.frameworkadvisor.slack;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A signed request from Slack as the HTTP host received it, before anything is parsed.
 *
 * @param path the request path, e.g. {@code /slack/events}
 * @param query every query parameter's values
 * @param headers every header's values (names as sent; Bolt lower-cases them)
 * @param body the raw body, whose signature the host has checked
 * @param remoteAddress the client's address
 */
public record InboundRequest(String path, Map<String, List<String>> query, Map<String, List<String>> headers,
                             byte[] body, String remoteAddress) {
    public InboundRequest {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
    }

    /** The first value of header {@code name} (any case), or null. */
    public String header(String name) {
        return firstHeader(headers, name);
    }

    /** The first value of header {@code name} (any case) in {@code headers}, or null. */
    public static String firstHeader(Map<String, List<String>> headers, String name) {
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            if (header.getKey().equalsIgnoreCase(name) && !header.getValue().isEmpty()) {
                return header.getValue().get(0);
            }
        }
        return null;
    }
}
