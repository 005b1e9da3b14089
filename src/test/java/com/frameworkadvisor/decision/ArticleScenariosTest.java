package com.frameworkadvisor.decision;

import com.frameworkadvisor.bank.QuestionBankLoader;
import com.frameworkadvisor.support.ArticleScenarios;
import com.frameworkadvisor.support.ArticleScenarios.Scenario;
import com.frameworkadvisor.support.Seeds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Scenarios written from the articles (src/test/resources/scenarios/article-scenarios.yml): each names the
 * sentence that decides it, and the scorer must give the article's result, cite that very sentence, and say the
 * confidence and FastAPI verdict the documented model gives.
 */
class ArticleScenariosTest {
    private static final QuestionBank BANK = new QuestionBankLoader().loadDefault();

    private final Scorer scorer = new Scorer(BANK);

    static List<Scenario> scenarios() {
        return ArticleScenarios.all();
    }

    @Test
    void the_table_has_at_least_25_scenarios_from_every_article_that_gives_rules() {
        List<Scenario> scenarios = scenarios();

        assertTrue(scenarios.size() >= 25, scenarios.size() + " scenarios");
        assertEquals(List.of("000", "001", "002", "003", "004"),
                scenarios.stream().map(Scenario::article).distinct().sorted().toList());
        assertTrue(scenarios.stream().anyMatch(s -> s.recommendation().equals("flask")));
        assertTrue(scenarios.stream().anyMatch(s -> !s.fastApi().equals("none")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void the_advice_gives_the_articles_result_and_cites_the_sentence_that_decides_it(Scenario scenario) {
        Recommendation r = scorer.score(BANK.answers(scenario.answers()));

        assertEquals(scenario.recommendation(), r.framework().id(), "recommendation");
        assertEquals(scenario.confidence(), r.confidence().id(), "confidence: " + r.confidenceReason());
        assertEquals(scenario.fastApi(), r.fastApi().level().id(), "article 004's FastAPI verdict");
        List<String> cited = Stream.concat(r.reasons().stream().flatMap(x -> x.citations().stream()),
                r.ruleCitations().stream()).map(c -> Seeds.normalise(c.quote())).toList();
        assertTrue(cited.contains(Seeds.normalise(scenario.sentence())),
                () -> "the advice does not cite «" + scenario.sentence() + "»; it cites " + cited);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void the_deciding_sentence_is_in_its_article(Scenario scenario) {
        String article = Seeds.article(scenario.article());

        assertTrue(article.contains(Seeds.normalise(scenario.sentence())),
                () -> "not in article " + scenario.article() + ": «" + scenario.sentence() + "»");
    }
}
