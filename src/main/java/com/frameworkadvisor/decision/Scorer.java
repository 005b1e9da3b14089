package com.frameworkadvisor.decision;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Turns a set of answers into a {@link Recommendation}. Deterministic and free of I/O.
 *
 * <p>The rule is article 004's "5-Question Decision Framework", which counts answers: «Three or more Django
 * answers → Django. Three or more Flask answers → Flask. Tied → Django». Article 003 counts "points" the same
 * way, so every option casts {@code weight} votes (one, in the shipped bank) for its lean. The framework with
 * more votes wins and a tie goes to Django.
 *
 * <p>004's rule has a gap: it says nothing when neither side reaches three and the counts differ (2–1, 1–0,
 * 0–2 …). Our documented reading fills it with the majority. That agrees with every case 004 does cover (with
 * five questions, three or more for one side is always a majority) and uses 004's own tie-breaker for ties.
 */
public final class Scorer {
    /** 004: «Three or more Django answers → Django.» Reaching it for the winner is one mark of a strong result. */
    static final int DECISIVE_VOTES = 3;
    /** A lead this small means one changed answer flips or ties the result. */
    static final int TOO_CLOSE_MARGIN = 1;

    public Recommendation score(Answers answers) {
        Objects.requireNonNull(answers, "answers");
        int django = 0;
        int flask = 0;
        boolean fastApi = false;
        List<Reason> reasons = new ArrayList<>();
        for (Question question : answers.bank().questions()) {
            Option option = answers.option(question);
            if (option.id().equals(Option.UNSURE)) {
                continue;
            }
            reasons.add(new Reason(question, option));
            fastApi |= option.fastApi();
            if (option.lean() == Lean.DJANGO) {
                django += option.weight();
            } else if (option.lean() == Lean.FLASK) {
                flask += option.weight();
            }
        }
        Scores scores = new Scores(django, flask);
        // 004: «Tied → Django, because its built-in features usually make future growth easier»
        Framework winner = flask > django ? Framework.FLASK : Framework.DJANGO;
        Confidence confidence = confidence(scores, winner);
        return new Recommendation(winner, scores, confidence, confidenceReason(scores, winner, confidence),
                scores.tied(), reasons, fastApi, answers);
    }

    private static Confidence confidence(Scores scores, Framework winner) {
        if (scores.margin() <= TOO_CLOSE_MARGIN) {
            return Confidence.TOO_CLOSE;
        }
        if (scores.of(winner) >= DECISIVE_VOTES && scores.margin() >= DECISIVE_VOTES) {
            return Confidence.STRONG;
        }
        return Confidence.LEANING;
    }

    private static String confidenceReason(Scores scores, Framework winner, Confidence confidence) {
        Framework other = winner == Framework.DJANGO ? Framework.FLASK : Framework.DJANGO;
        int won = scores.of(winner);
        int lost = scores.of(other);
        return switch (confidence) {
            case STRONG -> winner.displayName() + " has " + votes(won) + " to " + other.displayName() + "'s " + lost
                    + ": three or more answers for one side and a clear lead.";
            case LEANING -> winner.displayName() + " leads " + won + " to " + lost
                    + ", but a couple of changed answers would level it.";
            case TOO_CLOSE -> scores.tied()
                    ? (won == 0
                        ? "No answer took a side, so the articles' default applies: a tie goes to Django."
                        : "Both have " + votes(won) + "; the articles' rule gives a tie to Django.")
                        + " Talk it through before you commit."
                    : "Only one answer separates " + winner.displayName() + " (" + won + ") from "
                        + other.displayName() + " (" + lost + "). Talk it through before you commit.";
        };
    }

    private static String votes(int n) {
        return n == 1 ? "1 answer" : n + " answers";
    }
}
