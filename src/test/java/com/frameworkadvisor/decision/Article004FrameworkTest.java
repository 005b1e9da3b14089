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
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * Article 004's "5-Question Decision Framework" on every combination of its five answers (every other question
 * unsure): the result is 004's wherever 004 gives one, and the documented reading where it gives none.
 */
class Article004FrameworkTest {
    private static final QuestionBank BANK = new QuestionBankLoader().loadDefault();

    private final Scorer scorer = new Scorer(BANK);

    /** A vote in article 004's "5-Question Decision Framework". */
    private enum Vote { DJANGO, FLASK, NONE }

    /**
     * Article 004's five questions, in its order, and where it says each answer points. Written out here, from the
     * article, so the test does not read the question bank's leans: the bank is what is being checked.
     */
    private static final Map<String, Map<String, Vote>> ARTICLE_004 = article004();


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

        // when
        Recommendation recommendation = scorer.score(BANK.answers(raw));

        // then
        assertEquals(new Scores(votes.django(), votes.flask()), recommendation.scores(), "004 counts its answers");
        assertEquals(votes.winner(raw), recommendation.framework(),
                () -> "004 counts " + votes + "; the scorer gave " + recommendation.basis());
        assertEquals(votes.django() == votes.flask(), recommendation.decidedByTie(), "decided by 004's tie rule");
        if (votes.decidesWithALead()) {
            assertNotEquals(Confidence.TOO_CLOSE, recommendation.confidence(),
                    "a result 004's count decides with a lead is never too close to call");
            assertEquals(Basis.COUNT, recommendation.basis());
        } else {
            assertNotEquals(Confidence.STRONG, recommendation.confidence(), "004's count gives no lead here");
        }
        boolean fastApiInstead = outlook.equals("high_throughput_json")
                || (apiOnly.equals("yes") && recommendation.framework() == Framework.FLASK);
        assertEquals(fastApiInstead, recommendation.fastApi().instead(), "004's «Use FastAPI Instead»");
        assertEquals(fastApiInstead || apiOnly.equals("yes"), recommendation.considerFastApi());
    }

    @Test
    void where_004_decides_the_scorer_agrees_on_all_its_combinations_and_fills_the_rest_as_documented() {
        // when
        Map<String, Integer> bases = new java.util.TreeMap<>();
        everyCombinationOfArticle004sAnswers().forEach(arguments -> {
            Object[] a = arguments.get();
            Map<String, String> raw = new LinkedHashMap<>();
            List<String> ids = List.copyOf(ARTICLE_004.keySet());
            for (int i = 0; i < a.length; i++) {
                raw.put(ids.get(i), (String) a[i]);
            }
            bases.merge(scorer.score(BANK.answers(raw)).basis().id(), 1, Integer::sum);
        });

        // then: 184 combinations 004 decides (3+ on one side, or a tie), 248 it leaves to the documented reading
        assertEquals(432, bases.values().stream().mapToInt(Integer::intValue).sum());
        assertEquals(184, bases.getOrDefault("count", 0) + bases.getOrDefault("tie", 0), bases.toString());
        assertEquals(248, bases.getOrDefault("django_leads", 0) + bases.getOrDefault("product", 0)
                + bases.getOrDefault("service", 0) + bases.getOrDefault("default", 0), bases.toString());
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

        /** Whether 004's count decides with a lead: three or more on one side (the other then has fewer). */
        boolean decidesWithALead() {
            return django >= 3 || flask >= 3;
        }

        /**
         * 004's rule where it decides; where it does not, the reading of docs/how-the-advice-works.md: Flask only
         * when Flask leads, the project is «a microservice / API / ML wrapper» (API only) and no answer describes
         * «a product with users, content, and an admin team» (admin UI, auth, "CRUD + auth + admin", own pages).
         */
        Framework winner(Map<String, String> raw) {
            if (django >= 3) {
                return Framework.DJANGO;
            }
            if (flask >= 3) {
                return Framework.FLASK;
            }
            if (django >= flask) {
                return Framework.DJANGO;
            }
            boolean service = raw.get("api_only").equals("yes");
            boolean product = raw.get("admin_ui").equals("yes") || raw.get("auth").equals("yes")
                    || raw.get("outlook").equals("crud_auth_admin");
            return service && !product ? Framework.FLASK : Framework.DJANGO;
        }
    }
}
