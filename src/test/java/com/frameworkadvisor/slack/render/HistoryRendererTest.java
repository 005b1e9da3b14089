package com.frameworkadvisor.slack.render;

import com.frameworkadvisor.decision.QuestionBank;
import com.frameworkadvisor.decision.Recommendation;
import com.frameworkadvisor.decision.Scorer;
import com.frameworkadvisor.store.AnswerSet;
import com.frameworkadvisor.store.DecisionHistory;
import com.frameworkadvisor.store.StoredDecision;
import com.frameworkadvisor.store.ThreadKey;
import com.frameworkadvisor.support.FakeSlackApi;
import com.frameworkadvisor.support.SlackPayloads;
import com.frameworkadvisor.support.TestApp;
import com.frameworkadvisor.support.TextFixtures;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code /framework history}'s reply, compared whole with text fixtures (src/test/resources/slack/history/). */
class HistoryRendererTest {
    private static final QuestionBank BANK = TestApp.bank();
    private static final Scorer SCORER = new Scorer(BANK);
    private static final String ASKER = SlackPayloads.ASKER;
    private static final Map<String, String> FLASK = SlackPayloads.answers(Map.of("admin_ui", "no", "auth", "no",
            "api_only", "yes", "team_experience", "over_5_years", "outlook", "keep_small"));

    private final HistoryRenderer history = new HistoryRenderer(BANK, SCORER);

    @Test
    void the_channel_history_lists_each_decision_with_its_project_result_people_date_and_thread_link() {
        List<DecisionHistory> recent = List.of(
                decision(4, "1700400000.000400", Optional.of("R&D <billing> portal"), "2026-03-05T23:30:00Z",
                        answered(ASKER, SlackPayloads.djangoAnswers()), answered("U0SECOND", FLASK),
                        answered("U0THIRD3", FLASK)),
                decision(3, "1700300000.000300", Optional.empty(), "2026-02-14T09:00:00Z",
                        answered(ASKER, FLASK)),
                decision(2, "1700200000.000200", Optional.of("Customer portal"), "2026-01-02T12:00:00Z",
                        answered(ASKER, SlackPayloads.djangoAnswers())),
                decision(1, "1700100000.000100", Optional.of("Old intranet"), "2025-12-31T23:59:59Z"));

        String reply = history.channel(recent, "acme", "/framework");

        TextFixtures.assertMatches("slack/history/channel-several.txt", reply);
    }

    @Test
    void an_empty_channel_history_says_there_are_no_decisions_yet_and_how_to_start_one() {
        TextFixtures.assertMatches("slack/history/channel-empty.txt", history.channel(List.of(), "acme",
                "/framework"));
    }

    /** A decision the store holds in the test channel, with each person's latest answers, oldest first. */
    static DecisionHistory decision(long id, String ts, Optional<String> project, String createdAt,
                                    AnswerSet... latest) {
        return new DecisionHistory(new StoredDecision(id, new ThreadKey(FakeSlackApi.TEAM_ID, SlackPayloads.CHANNEL,
                ts), project, ASKER, Instant.parse(createdAt)), List.of(latest));
    }

    /** One person's answers as the store keeps them, with the result they gave. */
    static AnswerSet answered(String user, Map<String, String> answers) {
        Recommendation r = SCORER.score(BANK.answers(answers));
        return new AnswerSet(user, answers, r.framework().id(), r.scores().django(), r.scores().flask(),
                Instant.parse("2026-01-01T00:00:00Z"));
    }
}
