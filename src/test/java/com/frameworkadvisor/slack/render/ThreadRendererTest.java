package com.frameworkadvisor.slack.render;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.frameworkadvisor.decision.QuestionBank;
import com.frameworkadvisor.decision.Recommendation;
import com.frameworkadvisor.decision.Scorer;
import com.frameworkadvisor.decision.TeamTally;
import com.frameworkadvisor.support.JsonFixtures;
import com.frameworkadvisor.support.SlackPayloads;
import com.frameworkadvisor.support.TestApp;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.frameworkadvisor.slack.render.ParentRendererTest.tree;

/** The thread replies of a decision, compared whole with JSON fixtures (src/test/resources/slack/messages/). */
class ThreadRendererTest {
    private static final QuestionBank BANK = TestApp.bank();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Scorer SCORER = new Scorer(BANK);
    private static final String ASKER = SlackPayloads.ASKER;
    private static final Authors ASKED = new Authors(Optional.of("Customer portal"), ASKER, ASKER);

    private final ThreadRenderer threads = new ThreadRenderer(BANK, JSON);

    @Test
    void the_explanation_quotes_every_answer_that_took_a_side_the_rule_what_would_change_it_and_the_sources() {
        Recommendation r = score(SlackPayloads.djangoAnswers());

        SlackMessage explanation = threads.explanation(r, SCORER.whatWouldChange(r), ASKED);

        JsonFixtures.assertMatches("slack/messages/thread-strong-django.json", tree(explanation));
    }

    @Test
    void a_decisive_rule_comes_first_and_answers_counted_once_say_so() {
        Recommendation r = score(Map.of("project_type", "internal_tool", "admin_ui", "yes", "team_experience",
                "over_5_years", "outlook", "keep_small", "scope_growth", "small_defined", "persistence", "nosql"));

        SlackMessage explanation = threads.explanation(r, SCORER.whatWouldChange(r), ASKED);

        JsonFixtures.assertMatches("slack/messages/thread-decisive.json", tree(explanation));
    }

    @Test
    void a_tie_quotes_article_004s_tie_rule_and_names_the_single_answers_that_would_flip_it() {
        Recommendation r = score(Map.of("admin_ui", "yes", "api_only", "yes"));

        SlackMessage explanation = threads.explanation(r, SCORER.whatWouldChange(r), ASKED);

        JsonFixtures.assertMatches("slack/messages/thread-tie.json", tree(explanation));
    }

    @Test
    void a_revision_says_who_changed_what_whether_it_flipped_and_what_it_did_to_the_team() {
        Recommendation before = score(SlackPayloads.djangoAnswers());
        Map<String, String> flask = SlackPayloads.answers(Map.of("api_only", "yes", "team_experience", "over_5_years",
                "outlook", "keep_small"));
        Recommendation after = score(flask);
        TeamTally one = TeamTally.of(BANK, SCORER, List.of(SlackPayloads.djangoAnswers()));
        TeamTally two = TeamTally.of(BANK, SCORER, List.of(SlackPayloads.djangoAnswers(), flask));

        SlackMessage revision = threads.revision(after, before, SCORER.whatWouldChange(after),
                new Authors(Optional.empty(), ASKER, "U0OTHER1"), Optional.of(new ThreadRenderer.TeamChangeView(one,
                        two)));

        JsonFixtures.assertMatches("slack/messages/thread-revision.json", tree(revision));
    }

    @Test
    void reopening_says_who_reopened_it_and_that_the_buttons_are_back() {
        JsonFixtures.assertMatches("slack/messages/thread-reopened.json", tree(threads.reopened("U0RECORDER")));
    }

    private static Recommendation score(Map<String, String> answers) {
        return SCORER.score(BANK.answers(answers));
    }
}
