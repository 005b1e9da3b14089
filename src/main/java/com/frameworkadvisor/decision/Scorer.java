package com.frameworkadvisor.decision;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns a set of answers into a {@link Recommendation}, by article 004's rules read in full (the model is written
 * down in docs/how-the-advice-works.md). Deterministic and free of I/O.
 *
 * <ol>
 *   <li>Each answer counts as the article criterion it names, and a criterion counts once, however many answers
 *       name it ("keep it small", "a small, well-defined scope" and "a throwaway prototype" are one).</li>
 *   <li>A decisive rule (an article says the answers decide on their own) decides.</li>
 *   <li>Otherwise 004's count: «Three or more Django answers → Django. Three or more Flask answers → Flask.»
 *       «Tied → Django».</li>
 *   <li>Where the count gives no verdict (neither side reaches three and they differ), 004's opening sentences:
 *       Flask when Flask leads and the answers describe «a microservice / API / ML wrapper» and not «a product with
 *       users, content, and an admin team»; otherwise «If neither sentence fits cleanly, default to Django».</li>
 * </ol>
 */
public final class Scorer {
    /** The most changed answers "what would change it" looks for. */
    public static final int MAX_CHANGES = 6;

    private final ScoringModel model;
    private final FlipSearch flips;

    public Scorer(QuestionBank bank) {
        this.model = new ScoringModel(Objects.requireNonNull(bank, "bank"));
        this.flips = new FlipSearch(model);
    }

    public QuestionBank bank() {
        return model.bank();
    }

    public Recommendation score(Answers answers) {
        int[] chosen = model.chosen(own(answers));
        ScoringModel.Verdict verdict = model.verdict(chosen, true);
        Framework framework = verdict.framework();
        List<Reason> reasons = reasons(answers);
        List<DecisiveRule> decisive = new ArrayList<>();
        for (int r = 0; r < bank().decisive().size(); r++) {
            if ((verdict.decisive() & (1 << r)) != 0) {
                decisive.add(bank().decisive().get(r));
            }
        }
        List<ScoringModel.Change> flip = flips.fewest(chosen, 2);
        int flipDistance = flip.isEmpty() ? 3 : flip.size();
        Scores scores = new Scores(verdict.django(), verdict.flask());
        Confidence confidence = confidence(verdict.basis(), flipDistance);
        String reason = confidenceReason(verdict.basis(), framework, scores, decisive, flipDistance);
        return new Recommendation(framework, scores, verdict.basis(), confidence, reason, reasons, decisive,
                fastApi(reasons, framework), flipDistance, answers);
    }

    /** Just the framework for a set of answers: for tallies that try many answer sets. */
    public Framework recommend(Answers answers) {
        return model.verdict(model.chosen(own(answers)), true).framework();
    }

    /** Which changed answers would flip this recommendation, found by trying them. */
    public WhatWouldChange whatWouldChange(Recommendation recommendation) {
        int[] chosen = model.chosen(own(recommendation.answers()));
        List<AnswerChange> singles = changes(chosen, flips.singles(chosen));
        List<AnswerChange> example = singles.isEmpty()
                ? changes(chosen, flips.fewest(chosen, MAX_CHANGES)) : List.of(singles.get(0));
        Map<DecisiveRule, List<AnswerChange>> decisive = new LinkedHashMap<>();
        if (recommendation.framework() == Framework.FLASK) {
            flips.missingForDecisive(chosen).forEach((rule, needed) -> decisive.put(rule, changes(chosen, needed)));
        }
        Framework other = recommendation.framework() == Framework.DJANGO ? Framework.FLASK : Framework.DJANGO;
        return new WhatWouldChange(other, singles, example.size(), example, decisive);
    }

    private Answers own(Answers answers) {
        if (answers.bank() != model.bank() && !answers.bank().equals(model.bank())) {
            throw new IllegalArgumentException("these answers belong to another question bank");
        }
        return answers;
    }

    private List<AnswerChange> changes(int[] chosen, List<ScoringModel.Change> changes) {
        List<AnswerChange> list = new ArrayList<>();
        for (ScoringModel.Change change : changes) {
            Question question = bank().questions().get(change.question());
            list.add(new AnswerChange(question, question.options().get(chosen[change.question()]),
                    question.options().get(change.option())));
        }
        return list;
    }

    /** Every answer that is not "unsure"; one naming a criterion an earlier answer counted says which. */
    private static List<Reason> reasons(Answers answers) {
        List<Reason> reasons = new ArrayList<>();
        Map<String, Question> counted = new HashMap<>();
        for (Question question : answers.bank().questions()) {
            Option option = answers.option(question);
            if (option.id().equals(Option.UNSURE)) {
                continue;
            }
            Optional<Question> earlier = option.criterion().map(counted::get);
            option.criterion().ifPresent(criterion -> counted.putIfAbsent(criterion, question));
            reasons.add(new Reason(question, option, earlier));
        }
        return reasons;
    }

    private static FastApiVerdict fastApi(List<Reason> reasons, Framework framework) {
        FastApiSignal level = FastApiSignal.NONE;
        for (Reason reason : reasons) {
            FastApiSignal signal = reason.option().fastApi().given(framework);
            if (signal.compareTo(level) > 0) {
                level = signal;
            }
        }
        FastApiSignal top = level;
        return new FastApiVerdict(top, top == FastApiSignal.NONE ? List.of()
                : reasons.stream().filter(r -> r.option().fastApi().given(framework) == top).toList());
    }

    /**
     * Strong: a decisive rule, or 004's count decides and no one or two changed answers would flip it. Too close to
     * call: the count gives no verdict of its own (a tie, or neither side at three) and one changed answer flips
     * it. Leaning: everything between; a result 004's count decides is never too close to call.
     */
    private static Confidence confidence(Basis basis, int flipDistance) {
        if (basis == Basis.DECISIVE || (basis == Basis.COUNT && flipDistance >= 3)) {
            return Confidence.STRONG;
        }
        if (basis.belowThreshold() && flipDistance == 1) {
            return Confidence.TOO_CLOSE;
        }
        return Confidence.LEANING;
    }

    private static String confidenceReason(Basis basis, Framework winner, Scores scores, List<DecisiveRule> decisive,
                                           int flipDistance) {
        Framework other = winner == Framework.DJANGO ? Framework.FLASK : Framework.DJANGO;
        int won = scores.of(winner);
        int lost = scores.of(other);
        String flips = winner == Framework.FLASK ? " the count" : " it";
        String distance = switch (flipDistance) {
            case 1 -> " One changed answer would flip" + flips + ".";
            case 2 -> " It would take two changed answers to flip" + flips + ".";
            default -> " No one or two changed answers would flip" + flips + ".";
        };
        return switch (basis) {
            case DECISIVE -> decisive.get(0).why();
            case COUNT -> (lost >= ScoringModel.THRESHOLD
                    ? winner.displayName() + " has " + answers(won) + " to " + other.displayName() + "'s " + lost
                            + "; both reach article 004's three, so the larger count decides."
                    : winner.displayName() + " has " + answers(won) + " to " + other.displayName() + "'s " + lost
                            + ", and article 004 decides on three or more.") + distance;
            case TIE -> (won == 0 ? "No answer took a side, and article 004's five-question framework gives a tie to "
                    + "Django." : "Django and Flask have " + answers(won) + " each, and article 004's five-question "
                    + "framework gives a tie to Django.")
                    + distance;
            case DJANGO_LEADS -> "Django leads " + won + " to " + lost + ", short of the three answers article "
                    + "004's rule needs; its default when nothing fits cleanly is Django too." + distance;
            case PRODUCT -> "Django leads " + won + " to " + lost + ", short of article 004's three, and the answers "
                    + "describe a product with users, content or an admin team, which 004 gives to Django." + distance;
            case SERVICE -> "Flask leads " + won + " to " + lost + ", short of article 004's three, and the answers "
                    + "describe a microservice, API or ML wrapper, which 004 gives to Flask." + distance;
            case DEFAULT -> "Flask leads " + lost + " to " + won + ", short of article 004's three, but the answers "
                    + "don't describe a microservice, API or ML wrapper cleanly, so 004's default applies: Django."
                    + distance;
        };
    }

    private static String answers(int n) {
        return n == 1 ? "1 answer" : n + " answers";
    }
}
