package com.frameworkadvisor.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scenarios written from the articles (src/test/resources/scenarios/article-scenarios.yml): the sentence that
 * decides each, the answers that put a project in its case, and the result the article gives.
 */
public final class ArticleScenarios {
    private ArticleScenarios() {
    }

    /**
     * One scenario.
     *
     * @param article the seed id of the article the sentence is from ({@code 004})
     * @param answers question id → option id; every other question is unsure
     */
    public record Scenario(String id, String article, String sentence, Map<String, String> answers,
                           String recommendation, String confidence, String fastApi) {
        @Override
        public String toString() {
            return id;
        }
    }

    public static List<Scenario> all() {
        try (InputStream in = ArticleScenarios.class.getResourceAsStream("/scenarios/article-scenarios.yml")) {
            JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(in);
            List<Scenario> scenarios = new ArrayList<>();
            for (JsonNode node : root.path("scenarios")) {
                Map<String, String> answers = new LinkedHashMap<>();
                node.path("answers").fields().forEachRemaining(e -> answers.put(e.getKey(), e.getValue().asText()));
                JsonNode expect = node.path("expect");
                scenarios.add(new Scenario(node.path("id").asText(), node.path("article").asText(),
                        node.path("sentence").asText(), answers, expect.path("recommendation").asText(),
                        expect.path("confidence").asText(), expect.path("fastapi").asText()));
            }
            return scenarios;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The scenarios with these ids, in this order. */
    public static List<Scenario> of(String... ids) {
        List<Scenario> all = all();
        List<Scenario> chosen = new ArrayList<>();
        for (String id : ids) {
            chosen.add(all.stream().filter(s -> s.id().equals(id)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no scenario " + id)));
        }
        return chosen;
    }
}
