package com.frameworkadvisor.decision;

import com.frameworkadvisor.bank.QuestionBankLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScorerTest {
    private static final QuestionBank BANK = new QuestionBankLoader().loadDefault();

    private final Scorer scorer = new Scorer();

    /** A vote in article 004's "5-Question Decision Framework". */
    private enum Vote { DJANGO, FLASK, NONE }

    /**
     * Article 004's five questions, in its order, and where it says each answer points. Written out here, from the
     * article, so the test does not read the question bank's leans: the bank is what is being checked.
     */
    private static final Map<String, Map<String, Vote>> ARTICLE_004 = article004();

    /** 004: «"high-throughput JSON" → FastAPI» and «Yes → Flask (or FastAPI)». */
    private static final Map<String, String> ARTICLE_004_FASTAPI = Map.of(
            "api_only", "yes",
            "outlook", "high_throughput_json");

    private static Map<String, Map<String, Vote>> article004() {
        Map<String, Map<String, Vote>> rule = new LinkedHashMap<>();
        rule.put("admin_ui", options("yes", Vote.DJANGO, "no", Vote.NONE, "unsure", Vote.NONE));
        rule.put("auth", options("yes", Vote.DJANGO, "no", Vote.NONE, "unsure", Vote.NONE));
        rule.put("api_only", options("yes", Vote.FLASK, "no", Vote.DJANGO, "unsure", Vote.NONE));
        rule.put("team_experience", options("under_2_years", Vote.DJANGO, "2_to_5_years", Vote.NONE,
                "over_5_years", Vote.FLASK, "unsure", Vote.NONE));
        rule.put("outlook", options("crud_auth_admin", Vote.DJANGO, "keep_small", Vote.FLASK,
                "high_throughput_json", Vote.NONE, "unsure", Vote.NONE));
        return rule;
    }

    private static Map<String, Vote> options(Object... optionThenVote) {
        Map<String, Vote> options = new LinkedHashMap<>();
        for (int i = 0; i < optionThenVote.length; i += 2) {
            options.put((String) optionThenVote[i], (Vote) optionThenVote[i + 1]);
        }
        return options;
    }

    static Stream<Arguments> everyCombinationOfArticle004sAnswers() {
        List<List<String>> combinations = new ArrayList<>();
        combinations.add(List.of());
        for (Map<String, Vote> options : ARTICLE_004.values()) {
            List<List<String>> longer = new ArrayList<>();
            for (List<String> prefix : combinations) {
                for (String option : options.keySet()) {
                    List<String> combination = new ArrayList<>(prefix);
                    combination.add(option);
                    longer.add(combination);
                }
            }
            combinations = longer;
        }
        return combinations.stream().map(c -> Arguments.of(c.toArray()));
    }

    @Test
    void faithfulness_test_enumerates_all_432_distinct_combinations() {
        // when
        List<List<Object>> combinations = everyCombinationOfArticle004sAnswers()
                .map(a -> List.of(a.get())).toList();

        // then
        assertEquals(3 * 3 * 3 * 4 * 4, combinations.size());
        assertEquals(432, Set.copyOf(combinations).size());
    }

    @ParameterizedTest(name = "admin_ui={0} auth={1} api_only={2} team_experience={3} outlook={4}")
    @MethodSource("everyCombinationOfArticle004sAnswers")
    void recommendation_follows_article_004s_five_question_framework(String adminUi, String auth, String apiOnly,
                                                                      String teamExperience, String outlook) {
        // given: 004's five questions answered, every other question left unsure
        Map<String, String> raw = new LinkedHashMap<>();
        raw.put("admin_ui", adminUi);
        raw.put("auth", auth);
        raw.put("api_only", apiOnly);
        raw.put("team_experience", teamExperience);
        raw.put("outlook", outlook);
        Votes votes = Votes.count(raw);
        boolean fastApi = raw.entrySet().stream()
                .anyMatch(answer -> answer.getValue().equals(ARTICLE_004_FASTAPI.get(answer.getKey())));

        // when
        Recommendation recommendation = scorer.score(BANK.answers(raw));

        // then
        assertEquals(votes.article004Winner(), recommendation.framework(),
                () -> "004 counts " + votes + "; the scorer gave " + recommendation.scores());
        assertEquals(fastApi, recommendation.considerFastApi(), "consider FastAPI");
        assertEquals(votes.django() == votes.flask(), recommendation.decidedByTie(), "decided by 004's tie rule");
    }

    /** 004's answers counted by the table above. */
    private record Votes(int django, int flask) {
        static Votes count(Map<String, String> raw) {
            int django = 0;
            int flask = 0;
            for (Map.Entry<String, String> answer : raw.entrySet()) {
                Vote vote = ARTICLE_004.get(answer.getKey()).get(answer.getValue());
                django += vote == Vote.DJANGO ? 1 : 0;
                flask += vote == Vote.FLASK ? 1 : 0;
            }
            return new Votes(django, flask);
        }

        /** 004's rule, as the issue reads it: three or more wins, a tie goes to Django, otherwise the majority. */
        Framework article004Winner() {
            if (django >= 3) {
                return Framework.DJANGO;
            }
            if (flask >= 3) {
                return Framework.FLASK;
            }
            if (django == flask) {
                return Framework.DJANGO;
            }
            return django > flask ? Framework.DJANGO : Framework.FLASK;
        }
    }

    @Test
    void all_unsure_gives_django_by_the_tie_rule_with_the_lowest_confidence() {
        // given
        Answers answers = BANK.noAnswers();

        // when
        Recommendation recommendation = scorer.score(answers);

        // then
        Confidence[] levels = Confidence.values();
        assertEquals(Framework.DJANGO, recommendation.framework());
        assertEquals(Confidence.TOO_CLOSE, recommendation.confidence());
        assertEquals(levels[levels.length - 1], recommendation.confidence(), "TOO_CLOSE is the lowest level");
        assertTrue(recommendation.decidedByTie());
        assertEquals(new Scores(0, 0), recommendation.scores());
        assertEquals(List.of(), recommendation.reasons());
        assertFalse(recommendation.tieBreakCitations().isEmpty(), "the tie rule cites the article");
        assertFalse(recommendation.considerFastApi());
    }

    @Test
    void issues_example_gives_strong_django_with_five_cited_reasons() {
        // given
        Answers answers = BANK.answers(Map.of(
                "admin_ui", "yes",
                "auth", "yes",
                "api_only", "no",
                "team_experience", "under_2_years",
                "outlook", "crud_auth_admin"));

        // when
        Recommendation recommendation = scorer.score(answers);

        // then
        assertEquals(Framework.DJANGO, recommendation.framework());
        assertEquals(Confidence.STRONG, recommendation.confidence());
        assertEquals(new Scores(5, 0), recommendation.scores());
        assertFalse(recommendation.decidedByTie());
        assertFalse(recommendation.considerFastApi());
        List<Reason> scoring = recommendation.scoringReasons();
        assertEquals(List.of("admin_ui", "auth", "api_only", "team_experience", "outlook"),
                scoring.stream().map(r -> r.question().id()).toList());
        for (Reason reason : scoring) {
            assertEquals(Lean.DJANGO, reason.direction(), reason.question().id());
            assertFalse(reason.citations().isEmpty(), () -> reason.question().id() + " has no citation");
        }
    }

    @Test
    void flask_leaning_answers_give_flask() {
        // given
        Answers answers = BANK.answers(Map.of(
                "api_only", "yes",
                "team_experience", "over_5_years",
                "outlook", "keep_small",
                "lifetime", "short_term",
                "scope_growth", "small_defined",
                "persistence", "nosql"));

        // when
        Recommendation recommendation = scorer.score(answers);

        // then
        assertEquals(Framework.FLASK, recommendation.framework());
        assertEquals(new Scores(0, 6), recommendation.scores());
        assertEquals(Confidence.STRONG, recommendation.confidence());
        assertTrue(recommendation.considerFastApi(), "api_only=yes raises the FastAPI note");
        assertEquals(List.of("api_only"), recommendation.fastApiReasons().stream()
                .map(r -> r.question().id()).toList());
    }

    @Test
    void one_answer_lead_is_too_close_to_call() {
        // given
        Answers answers = BANK.answers(Map.of("admin_ui", "yes", "auth", "yes", "api_only", "yes"));

        // when
        Recommendation recommendation = scorer.score(answers);

        // then
        assertEquals(Framework.DJANGO, recommendation.framework());
        assertEquals(new Scores(2, 1), recommendation.scores());
        assertEquals(Confidence.TOO_CLOSE, recommendation.confidence());
        assertFalse(recommendation.decidedByTie());
    }

    @Test
    void same_answers_always_give_the_same_recommendation() {
        // given
        Map<String, String> raw = Map.of("admin_ui", "no", "api_only", "yes", "persistence", "relational",
                "realtime", "async_first_api", "scale", "large");

        // when
        Recommendation first = new Scorer().score(BANK.answers(raw));
        Recommendation second = new Scorer().score(BANK.answers(new LinkedHashMap<>(raw)));

        // then
        assertNotSame(first, second);
        assertEquals(first, second);
        assertEquals(RecommendationFields.report(first), RecommendationFields.report(second));
    }

    @Test
    void reasons_leave_out_unsure_answers_and_follow_question_order() {
        // given: answers listed backwards, with explicit and implicit unsure, and one that counts for neither side
        Map<String, String> raw = new LinkedHashMap<>();
        raw.put("scale", "large");
        raw.put("persistence", "unsure");
        raw.put("lifetime", "years");
        raw.put("outlook", "high_throughput_json");
        raw.put("auth", "unsure");
        raw.put("admin_ui", "no");

        // when
        Recommendation recommendation = scorer.score(BANK.answers(raw));

        // then
        assertEquals(List.of("admin_ui", "outlook", "lifetime", "scale"),
                recommendation.reasons().stream().map(r -> r.question().id()).toList());
        assertTrue(recommendation.reasons().stream().noneMatch(r -> r.option().id().equals(Option.UNSURE)));
        assertEquals(List.of("lifetime", "scale"),
                recommendation.scoringReasons().stream().map(r -> r.question().id()).toList());
    }

    @Test
    void cited_sources_are_numbered_in_order_of_first_use() {
        // given: lifetime cites personal_blog; scale, asked later, cites coders_diaries then relia
        Answers answers = BANK.answers(Map.of("scale", "large", "lifetime", "years"));

        // when
        Recommendation recommendation = scorer.score(answers);

        // then
        assertEquals(List.of("personal_blog", "coders_diaries", "relia"),
                recommendation.citedSources().stream().map(Source::id).toList());
        assertEquals(1, recommendation.citationNumber(source("personal_blog")));
        assertEquals(2, recommendation.citationNumber(source("coders_diaries")));
        assertEquals(3, recommendation.citationNumber(source("relia")));
    }

    @Test
    void tie_rule_sources_are_numbered_after_the_reasons_sources() {
        // given: one answer each way, both citing personal_blog
        Answers answers = BANK.answers(Map.of("lifetime", "years", "persistence", "none"));

        // when
        Recommendation recommendation = scorer.score(answers);

        // then
        assertTrue(recommendation.decidedByTie());
        assertEquals(Framework.DJANGO, recommendation.framework());
        assertEquals(List.of("personal_blog", "relia"),
                recommendation.citedSources().stream().map(Source::id).toList());
    }

    private static Source source(String id) {
        return BANK.sources().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
    }
}
