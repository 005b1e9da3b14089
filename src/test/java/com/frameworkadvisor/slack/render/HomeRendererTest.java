package com.frameworkadvisor.slack.render;

import com.frameworkadvisor.decision.QuestionBank;
import com.frameworkadvisor.decision.Scorer;
import com.frameworkadvisor.store.DecisionHistory;
import com.frameworkadvisor.support.JsonFixtures;
import com.frameworkadvisor.support.SlackPayloads;
import com.frameworkadvisor.support.TestApp;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.frameworkadvisor.slack.render.HistoryRendererTest.answered;
import static com.frameworkadvisor.slack.render.HistoryRendererTest.decision;

/** The App Home tab, compared whole with JSON fixtures (src/test/resources/slack/home/). */
class HomeRendererTest {
    private static final QuestionBank BANK = TestApp.bank();
    private static final Scorer SCORER = new Scorer(BANK);
    private static final String ASKER = SlackPayloads.ASKER;
    private static final String DM = "D0ASKERDM";

    private final HomeRenderer home = new HomeRenderer(BANK, new HistoryRenderer(BANK, SCORER), "/framework");

    @Test
    void the_home_tab_explains_the_bot_lists_its_sources_and_the_persons_recent_decisions_with_links() {
        Map<String, String> flask = SlackPayloads.answers(Map.of("api_only", "yes", "team_experience", "over_5_years",
                "outlook", "keep_small"));
        List<DecisionHistory> recent = List.of(
                decision(2, "1700200000.000200", Optional.of("R&D <billing> portal"), "2026-03-05T23:30:00Z",
                        answered(ASKER, SlackPayloads.djangoAnswers()), answered("U0SECOND", flask),
                        answered("U0THIRD3", flask)),
                decision(1, "1700100000.000100", Optional.of("Customer portal"), "2026-01-02T12:00:00Z",
                        answered(ASKER, SlackPayloads.djangoAnswers())));

        JsonFixtures.assertMatches("slack/home/recent-decisions.json", home.view(recent, false, DM));
    }

    @Test
    void with_no_decisions_yet_the_home_tab_says_how_to_start_one() {
        JsonFixtures.assertMatches("slack/home/no-decisions.json", home.view(List.of(), false, DM));
    }

    @Test
    void with_the_store_down_the_home_tab_says_it_cannot_read_the_decisions_and_to_come_back_later() {
        JsonFixtures.assertMatches("slack/home/store-down.json", home.view(List.of(), true, null));
    }
}
