package com.frameworkadvisor.web;

import io.javalin.http.Context;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** {@code GET /privacy}: what the app stores, for how long, and how it is deleted (src/main/resources/web). */
final class PrivacyPage {
    static final String PATH = "/privacy";
    private static final String HTML = load();

    private PrivacyPage() {
    }

    static void serve(Context ctx) {
        ctx.contentType("text/html; charset=utf-8").result(HTML);
    }

    private static String load() {
        try (InputStream page = PrivacyPage.class.getResourceAsStream("/web/privacy.html")) {
            if (page == null) {
                throw new IllegalStateException("web/privacy.html is missing from the jar");
            }
            return new String(page.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
