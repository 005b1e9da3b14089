package com.frameworkadvisor.decision;

import com.frameworkadvisor.bank.QuestionBankLoader;
import com.frameworkadvisor.support.TinyBank;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The scoring model of docs/how-the-advice-works.md, rule by rule, on the shipped question bank. */
class ScorerTest {
    private static final QuestionBank BANK = new QuestionBankLoader().loadDefault();

    private final Scorer scorer = new Scorer(BANK);

    private Recommendation score(String... questionThenOption) {
        Map<String, String> raw = new LinkedHashMap<>();
        for (int i = 0; i < questionThenOption.length; i += 2) {
            raw.put(questionThenOption[i], questionThenOption[i + 1]);
        }
        return scorer.score(BANK.answers(raw));
    }

    @Test
    void all_unsure_gives_django_by_the_tie_rule_with_the_lowest_confidence() {
        Recommendation r = scorer.score(BANK.noAnswers());

        assertEquals(Framework.DJANGO, r.framework());
        assertEquals(Basis.TIE, r.basis());
        assertEquals(Confidence.TOO_CLOSE, r.confidence());
        assertEquals(new Scores(0, 0), r.scores());
        assertEquals(List.of(), r.reasons());
        assertEquals(BANK.rules().tie(), r.ruleCitations(), "the tie rule cites article 004's own sentence");
        assertEquals("No answer took a side, and article 004's five-question framework gives a tie to Django. One "
                + "changed answer would flip it.", r.confidenceReason());
        assertFalse(r.considerFastApi());
    }

    @Test
    void five_django_answers_are_strong_by_article_004s_count() {
        Recommendation r = score("admin_ui", "yes", "auth", "yes", "api_only", "no",
                "team_experience", "under_2_years", "outlook", "crud_auth_admin");

        assertEquals(Framework.DJANGO, r.framework());
        assertEquals(Basis.COUNT, r.basis());
        assertEquals(Confidence.STRONG, r.confidence());
        assertEquals(new Scores(5, 0), r.scores());
        assertEquals("Django has 5 answers to Flask's 0, and article 004 decides on three or more. No one or two "
                + "changed answers would flip it.", r.confidenceReason());
        assertEquals(List.of("admin_ui", "auth", "api_only", "team_experience", "outlook"),
                r.scoringReasons().stream().map(reason -> reason.question().id()).toList());
        r.scoringReasons().forEach(reason -> assertFalse(reason.citations().isEmpty(), reason.question().id()));
    }

    @Test
    void answers_that_name_the_same_criterion_count_once() {
        // "keep it small", "a small, well-defined scope" and "a throwaway prototype" say one thing
        Recommendation r = score("outlook", "keep_small", "scope_growth", "small_defined", "lifetime", "short_term");

        assertEquals(new Scores(0, 1), r.scores());
        List<Reason> reasons = r.scoringReasons();
        assertEquals(List.of(true, false, false), reasons.stream().map(Reason::counted).toList());
        Question outlook = BANK.question("outlook").orElseThrow();
        assertEquals(Optional.of(outlook), reasons.get(1).countedWith());
        assertEquals(Optional.of(outlook), reasons.get(2).countedWith());
    }

    @Test
    void the_issues_internal_tool_is_django_because_the_admin_alone_justifies_it() {
        // An internal back-office tool whose data non-developer staff manage, built by a senior team that wants to
        // keep it small, on MongoDB: once "Flask, too close to call (4–3)".
        Recommendation r = score("project_type", "internal_tool", "admin_ui", "yes", "team_experience",
                "over_5_years", "outlook", "keep_small", "scope_growth", "small_defined", "lifetime", "short_term",
                "persistence", "nosql");

        assertEquals(Framework.DJANGO, r.framework());
        assertEquals(Basis.DECISIVE, r.basis());
        assertEquals(Confidence.STRONG, r.confidence());
        assertEquals(List.of("internal_tool_admin"), r.decisive().stream().map(DecisiveRule::id).toList());
        assertEquals(new Scores(1, 3), r.scores(), "admin UI and internal tool are one criterion");
        assertTrue(r.ruleCitations().stream().anyMatch(c -> c.quote().contains("The admin alone justifies")));
        assertEquals("relia", r.citedSources().get(0).id(), "the decisive rule's article is cited first");
    }

    @Test
    void an_internal_tool_without_a_non_developer_admin_is_not_decided_by_the_admin() {
        Recommendation r = score("project_type", "internal_tool", "admin_ui", "no", "api_only", "yes",
                "team_experience", "over_5_years", "persistence", "nosql");

        assertEquals(Basis.COUNT, r.basis());
        assertEquals(new Scores(1, 3), r.scores());
        assertEquals(Framework.FLASK, r.framework());
    }

    @Test
    void a_saas_product_whose_staff_edit_data_is_decided_by_the_admin() {
        Recommendation r = score("project_type", "saas_admin", "admin_ui", "yes", "api_only", "yes",
                "team_experience", "over_5_years", "outlook", "keep_small");

        assertEquals(Framework.DJANGO, r.framework());
        assertEquals(List.of("saas_admin"), r.decisive().stream().map(DecisiveRule::id).toList());
    }

    @Test
    void complex_user_roles_decide_for_django_and_count_once_with_traditional_auth() {
        Recommendation r = score("complex_roles", "yes", "auth", "yes", "api_only", "yes", "team_experience",
                "over_5_years", "outlook", "keep_small", "persistence", "nosql");

        assertEquals(Framework.DJANGO, r.framework());
        assertEquals(List.of("complex_roles"), r.decisive().stream().map(DecisiveRule::id).toList());
        assertEquals(new Scores(1, 4), r.scores());
    }

    @Test
    void below_three_a_flask_lead_is_flask_only_for_a_service_that_is_not_a_product() {
        Recommendation service = score("api_only", "yes", "persistence", "nosql");
        Recommendation notAService = score("team_experience", "over_5_years", "persistence", "nosql");
        Recommendation serviceWithUsers = score("api_only", "yes", "persistence", "nosql", "auth", "yes");

        assertEquals(Framework.FLASK, service.framework());
        assertEquals(Basis.SERVICE, service.basis());
        assertEquals(BANK.rules().service().citations(), service.ruleCitations());
        assertEquals(Framework.DJANGO, notAService.framework());
        assertEquals(Basis.DEFAULT, notAService.basis());
        assertEquals(BANK.rules().fallback(), notAService.ruleCitations());
        assertEquals(Framework.DJANGO, serviceWithUsers.framework(), "Flask 2–1, but auth makes it a product");
        assertEquals(Basis.DEFAULT, serviceWithUsers.basis());
    }

    @Test
    void below_three_a_django_lead_is_django_by_the_product_sentence_or_else_the_default() {
        Recommendation product = score("admin_ui", "yes", "persistence", "relational", "team_experience",
                "over_5_years");
        Recommendation neither = score("lifetime", "years", "persistence", "relational", "team_experience",
                "over_5_years");

        assertEquals(Framework.DJANGO, product.framework());
        assertEquals(Basis.PRODUCT, product.basis());
        assertEquals(BANK.rules().product().citations(), product.ruleCitations());
        assertEquals(new Scores(2, 1), product.scores());
        assertEquals(Framework.DJANGO, neither.framework());
        assertEquals(Basis.DJANGO_LEADS, neither.basis());
        assertEquals(BANK.rules().fallback(), neither.ruleCitations());
    }

    @Test
    void when_both_sides_reach_three_the_larger_count_decides() {
        Recommendation r = score("admin_ui", "yes", "auth", "yes", "lifetime", "years", "scale", "large",
                "api_only", "yes", "team_experience", "over_5_years", "persistence", "nosql");

        assertEquals(new Scores(4, 3), r.scores());
        assertEquals(Framework.DJANGO, r.framework());
        assertEquals(Basis.COUNT, r.basis());
        assertTrue(r.confidenceReason().startsWith("Django has 4 answers to Flask's 3; both reach article 004's "
                + "three, so the larger count decides."), r.confidenceReason());
    }

    @Test
    void a_lead_004_decides_is_leaning_when_one_changed_answer_flips_it_and_says_so() {
        Recommendation r = score("admin_ui", "yes", "auth", "yes", "api_only", "yes", "team_experience",
                "over_5_years", "outlook", "crud_auth_admin");

        assertEquals(new Scores(3, 2), r.scores());
        assertEquals(Confidence.LEANING, r.confidence(), "004 decides it, so it is never too close to call");
        assertEquals(1, r.flipDistance());
        assertTrue(r.confidenceReason().endsWith("One changed answer would flip it."), r.confidenceReason());
    }

    @Test
    void a_flask_result_counts_flips_of_the_count_and_leaves_decisive_rules_to_what_would_change_it() {
        Recommendation r = score("api_only", "yes", "team_experience", "over_5_years", "outlook", "keep_small",
                "persistence", "nosql", "knows_flask", "yes");

        assertEquals(Framework.FLASK, r.framework());
        assertEquals(Confidence.STRONG, r.confidence());
        assertTrue(r.confidenceReason().endsWith("No one or two changed answers would flip the count."),
                r.confidenceReason());
        WhatWouldChange change = scorer.whatWouldChange(r);
        assertEquals(List.of(), change.singleChanges());
        assertTrue(change.decisive().keySet().stream().anyMatch(rule -> rule.id().equals("complex_roles")),
                "ticking complex roles would make it Django whatever the count");
    }

    @Test
    void article_004s_fastapi_verdicts_are_use_it_instead_or_also_consider_it() {
        assertEquals(FastApiSignal.INSTEAD, score("outlook", "high_throughput_json").fastApi().level());
        assertEquals(FastApiSignal.INSTEAD, score("realtime", "async_first_api").fastApi().level());
        assertEquals(FastApiSignal.INSTEAD, score("project_type", "ml_serving").fastApi().level());
        assertEquals(FastApiSignal.INSTEAD, score("typed_contracts", "yes").fastApi().level());
        // «Modern API-only services where you'd otherwise reach for Flask»: instead when the answers say Flask
        assertEquals(FastApiSignal.INSTEAD, score("api_only", "yes").fastApi().level());
        assertEquals(FastApiSignal.CONSIDER, score("api_only", "yes", "admin_ui", "yes", "auth", "yes")
                .fastApi().level());
        assertEquals(FastApiSignal.NONE, score("admin_ui", "yes").fastApi().level());
    }

    @Test
    void a_fastapi_verdict_leaves_the_django_or_flask_result_for_teams_that_must_choose() {
        Recommendation r = score("outlook", "high_throughput_json", "api_only", "yes", "team_experience",
                "over_5_years", "persistence", "none");

        assertTrue(r.fastApi().instead());
        assertEquals(Framework.FLASK, r.framework());
        assertEquals(List.of("api_only", "outlook"), r.fastApiReasons().stream().map(x -> x.question().id()).toList());
        assertTrue(r.fastApi().citations().stream().anyMatch(c -> c.quote().equals("High-throughput JSON APIs where "
                + "every millisecond matters;")), "an answer that counts for neither is quoted with the verdict");
        assertTrue(r.fastApi().citations().stream().noneMatch(c -> c.quote().startsWith("Is this an API-only")),
                "the API-only answer's quotes stand with its reason");
    }

    @Test
    void same_answers_always_give_the_same_recommendation() {
        Map<String, String> raw = Map.of("admin_ui", "no", "api_only", "yes", "persistence", "relational",
                "realtime", "async_first_api", "scale", "large");

        Recommendation first = new Scorer(BANK).score(BANK.answers(raw));
        Recommendation second = new Scorer(BANK).score(BANK.answers(new LinkedHashMap<>(raw)));

        assertNotSame(first, second);
        assertEquals(first, second);
        assertEquals(RecommendationFields.report(first, scorer.whatWouldChange(first)),
                RecommendationFields.report(second, scorer.whatWouldChange(second)));
    }

    @Test
    void reasons_leave_out_unsure_answers_and_follow_question_order() {
        Map<String, String> raw = new LinkedHashMap<>();
        raw.put("scale", "large");
        raw.put("persistence", "unsure");
        raw.put("lifetime", "years");
        raw.put("outlook", "high_throughput_json");
        raw.put("auth", "unsure");
        raw.put("admin_ui", "no");

        Recommendation r = scorer.score(BANK.answers(raw));

        assertEquals(List.of("admin_ui", "outlook", "lifetime", "scale"),
                r.reasons().stream().map(reason -> reason.question().id()).toList());
        assertEquals(List.of("lifetime", "scale"),
                r.scoringReasons().stream().map(reason -> reason.question().id()).toList());
    }

    @Test
    void cited_sources_are_numbered_in_the_order_the_advice_shows_them() {
        // lifetime cites personal_blog; scale, asked later, cites coders_diaries then relia; 004's rule comes last
        Recommendation r = score("scale", "large", "lifetime", "years");

        assertEquals(List.of("personal_blog", "coders_diaries", "relia"),
                r.citedSources().stream().map(Source::id).toList());
        assertEquals(1, r.citationNumber(r.citedSources().get(0)));
        assertEquals(3, r.citationNumber(r.citedSources().get(2)));
    }

    @Test
    void answers_of_another_bank_are_refused() {
        QuestionBank other = com.frameworkadvisor.support.TinyBank.of(
                com.frameworkadvisor.support.TinyBank.question("q", com.frameworkadvisor.support.TinyBank.unsure()));

        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> scorer.score(other.noAnswers()));

        assertTrue(e.getMessage().contains("another question bank"), e.getMessage());
    }
}
