package com.frameworkadvisor.bank;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.frameworkadvisor.decision.Citation;
import com.frameworkadvisor.support.Seeds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every quote the bank ships is really in its article. The articles live outside the project (we ship quotes and
 * links, never article text), in the folder named by the system property {@code advisor.seeds}; without it these
 * checks are skipped.
 */
class CitationsAreTrueTest {
    private static final Path BANK_FILE = Path.of("src/main/resources/questions.yml");
    private static final Path RESOURCES = Path.of("src/main/resources");
    /** One more word than a quote may have: a run this long of article text must not be in the project. */
    private static final int ARTICLE_RUN = Citation.MAX_QUOTE_WORDS + 1;

    private static final JsonNode BANK = readBank();

    /** One quote in questions.yml, where it stands and the seed article it claims to come from. */
    record Quote(String where, String source, String seed, String text) {
        @Override
        public String toString() {
            return where + " quotes " + source + ": «" + text + "»";
        }
    }

    static List<Quote> quotes() {
        Map<String, String> seeds = new HashMap<>();
        BANK.path("sources").forEach(s -> seeds.put(s.path("id").asText(), s.path("seed").asText(null)));
        List<Quote> quotes = new ArrayList<>();
        BANK.path("rules").fields().forEachRemaining(rule -> {
            JsonNode citations = rule.getValue().isArray() ? rule.getValue() : rule.getValue().path("citations");
            citations.forEach(c -> quotes.add(quote("rules." + rule.getKey(), c, seeds)));
        });
        for (JsonNode rule : BANK.path("decisive")) {
            rule.path("citations").forEach(c -> quotes.add(quote("decisive." + rule.path("id").asText(), c, seeds)));
        }
        for (JsonNode question : BANK.path("questions")) {
            List<JsonNode> options = new ArrayList<>();
            question.path("options").forEach(options::add);
            question.path("checkboxes").forEach(options::add);
            for (JsonNode option : options) {
                String where = question.path("id").asText() + "=" + option.path("id").asText();
                option.path("citations").forEach(c -> quotes.add(quote(where, c, seeds)));
            }
        }
        return quotes;
    }

    private static Quote quote(String where, JsonNode citation, Map<String, String> seeds) {
        String source = citation.path("source").asText();
        return new Quote(where, source, seeds.get(source), citation.path("quote").asText());
    }

    @Test
    void bank_has_quotes_to_check() {
        // when
        List<Quote> quotes = quotes();

        // then: the walk over questions.yml found the citations, so the checks below are not vacuous
        assertTrue(quotes.size() >= 20, "found only " + quotes.size() + " quotes");
        assertTrue(quotes.stream().anyMatch(q -> q.where().equals("rules.tie")), "the tie rule's quote is checked");
        assertTrue(quotes.stream().anyMatch(q -> q.where().startsWith("decisive.")), "decisive rules' quotes too");
        assertTrue(quotes.stream().anyMatch(q -> q.where().startsWith("also=")), "and the checkboxes'");
    }

    @Test
    void every_source_names_exactly_one_seed_article() {
        // given
        Path seeds = seedsFolder();

        // then
        for (JsonNode source : BANK.path("sources")) {
            String seed = source.path("seed").asText(null);
            String id = source.path("id").asText();
            assertTrue(seed != null && !seed.isBlank(), "source " + id + " has no seed");
            assertEquals(1, seedFiles(seeds, seed).size(), "source " + id + ": seed " + seed + " files");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("quotes")
    void quote_appears_verbatim_in_its_article(Quote quote) {
        // given
        Path seeds = seedsFolder();
        assertTrue(quote.seed() != null, "source " + quote.source() + " names no seed article");
        List<Path> files = seedFiles(seeds, quote.seed());
        assertEquals(1, files.size(), "articles for seed " + quote.seed());

        // when
        String article = normalise(read(files.get(0)));

        // then
        assertTrue(article.contains(normalise(quote.text())),
                () -> "not in " + files.get(0).getFileName() + ": «" + normalise(quote.text()) + "»");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("quotes")
    void quote_is_at_most_25_words(Quote quote) {
        // when
        int words = normalise(quote.text()).split(" ").length;

        // then
        assertTrue(words <= Citation.MAX_QUOTE_WORDS, words + " words");
    }

    @Test
    void resources_hold_no_run_of_article_text_longer_than_a_quote() throws IOException {
        // given: every run of 26 consecutive words in the articles
        Path seeds = seedsFolder();
        Set<String> articleRuns = new HashSet<>();
        try (Stream<Path> articles = Files.list(seeds)) {
            articles.filter(p -> p.getFileName().toString().endsWith(".txt"))
                    .forEach(p -> articleRuns.addAll(runs(read(p))));
        }
        assertFalse(articleRuns.isEmpty(), "no article text found in " + seeds);

        // when
        List<Path> resources;
        try (Stream<Path> files = Files.walk(RESOURCES)) {
            resources = files.filter(Files::isRegularFile).toList();
        }

        // then
        for (Path resource : resources) {
            for (String run : runs(read(resource))) {
                if (articleRuns.contains(run)) {
                    fail(resource + " holds article text: «" + run + "»");
                }
            }
        }
    }

    @Test
    void article_text_check_would_catch_a_copied_paragraph() throws IOException {
        // given: the longest paragraph of an article, as a resource would hold it
        Path seeds = seedsFolder();
        Path article;
        try (Stream<Path> articles = Files.list(seeds)) {
            article = articles.filter(p -> p.getFileName().toString().endsWith(".txt")).sorted().findFirst()
                    .orElseThrow();
        }
        String paragraph = Arrays.stream(read(article).split("\n"))
                .max((a, b) -> Integer.compare(a.length(), b.length())).orElseThrow();
        Set<String> articleRuns = runs(read(article));

        // when
        List<String> copied = runs("note: " + paragraph + "\n").stream().filter(articleRuns::contains).toList();

        // then
        assertFalse(copied.isEmpty(), "a copied paragraph of " + article.getFileName() + " went unnoticed");
    }

    /** Every run of {@link #ARTICLE_RUN} consecutive words, whitespace normalised. */
    private static Set<String> runs(String text) {
        String[] words = normalise(text).split(" ");
        Set<String> runs = new HashSet<>();
        for (int i = 0; i + ARTICLE_RUN <= words.length; i++) {
            runs.add(String.join(" ", Arrays.asList(words).subList(i, i + ARTICLE_RUN)));
        }
        return runs;
    }

    private static String normalise(String text) {
        return Seeds.normalise(text);
    }

    private static Path seedsFolder() {
        return Seeds.folder();
    }

    private static List<Path> seedFiles(Path seeds, String seed) {
        return Seeds.files(seeds, seed);
    }

    private static String read(Path file) {
        return Seeds.read(file);
    }

    private static JsonNode readBank() {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(BANK_FILE.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
