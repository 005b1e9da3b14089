package com.frameworkadvisor.slack;

import com.frameworkadvisor.decision.Answers;
import com.frameworkadvisor.decision.QuestionBank;
import com.frameworkadvisor.decision.Recommendation;
import com.frameworkadvisor.decision.Scorer;
import com.frameworkadvisor.slack.MessageRenderer.Authors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;
import java.util.Optional;

/**
 * Delivers a submitted decision after the ack. Every submission ends in exactly one of: posted where asked;
 * the fallback (an ephemeral note in the conversation and the whole recommendation as a DM); or, when Slack
 * stays unreachable past the retry deadline, an error log line carrying the decision so it can be re-sent.
 */
final class DecisionPoster {
    private static final Logger log = LoggerFactory.getLogger(DecisionPoster.class);

    /** A validated submission: where it goes, who sent it, and the answers. */
    record Submission(ModalMetadata target, String userId, Optional<String> project, Answers answers) {
        Submission {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(project, "project");
            Objects.requireNonNull(answers, "answers");
        }
    }

    private final SlackApi api;
    private final MessageRenderer renderer;
    private final Scorer scorer;
    private final QuestionBank bank;

    DecisionPoster(SlackApi api, MessageRenderer renderer, Scorer scorer, QuestionBank bank) {
        this.api = api;
        this.renderer = renderer;
        this.scorer = scorer;
        this.bank = bank;
    }

    void deliver(Submission submission) {
        Recommendation r = scorer.score(submission.answers());
        ModalMetadata target = submission.target();
        Authors authors = new Authors(submission.project(), target.askedBy().orElse(submission.userId()),
                submission.userId());
        try {
            if (target.isRevision()) {
                postRevision(target, r, authors);
            } else {
                postNew(target.channel(), r, authors);
            }
            log.info("decision_posted channel={} user={} revision={} recommendation={} django={} flask={}",
                    target.channel(), submission.userId(), target.isRevision(), r.framework().id(),
                    r.scores().django(), r.scores().flask());
        } catch (SlackCallException e) {
            if (e.kind() == SlackCallException.Kind.CHANNEL) {
                fallBack(submission, r, authors, e);
            } else {
                lost(submission, r, e);
            }
        }
    }

    private void postNew(String channel, Recommendation r, Authors authors) throws SlackCallException {
        String parentTs = api.postMessage(channel, null, renderer.parent(r, authors));
        try {
            api.postMessage(channel, parentTs, renderer.explanation(r, authors));
        } catch (SlackCallException e) {
            // The headline is already in the channel; posting it again elsewhere would duplicate it.
            log.warn("explanation_not_posted channel={} thread={} error={}", channel, parentTs, e.error());
        }
    }

    private void postRevision(ModalMetadata target, Recommendation r, Authors authors) throws SlackCallException {
        String threadTs = target.threadTs().orElseThrow();
        Recommendation previous = scorer.score(bank.answersIgnoringUnknown(target.previous()));
        api.postMessage(target.channel(), threadTs, renderer.revision(r, previous, authors));
        try {
            api.updateMessage(target.channel(), threadTs, renderer.parent(r, authors));
        } catch (SlackCallException e) {
            log.warn("parent_not_updated channel={} thread={} error={}", target.channel(), threadTs, e.error());
        }
    }

    /** Slack's answer was "you can't post there": tell the user why, and send the recommendation as a DM. */
    private void fallBack(Submission submission, Recommendation r, Authors authors, SlackCallException cause) {
        String channel = submission.target().channel();
        String why = whyNotPosted(channel, cause.error());
        try {
            api.postEphemeral(channel, submission.userId(), why + " I've sent you the recommendation as a direct "
                    + "message.");
        } catch (SlackCallException e) {
            // Expected where the bot cannot see the conversation at all; the DM below carries the same note.
            log.info("fallback_ephemeral_failed channel={} error={}", channel, e.error());
        }
        try {
            String dm = api.openDirectMessage(submission.userId());
            SlackMessage parent = renderer.withNote(renderer.parent(r, authors), why);
            String parentTs = api.postMessage(dm, null, parent);
            api.postMessage(dm, parentTs, renderer.explanation(r, authors));
            log.info("decision_sent_as_dm channel={} user={} reason={} recommendation={}", channel,
                    submission.userId(), cause.error(), r.framework().id());
        } catch (SlackCallException e) {
            lost(submission, r, e);
        }
    }

    static String whyNotPosted(String channel, String error) {
        return switch (error) {
            case "not_in_channel" -> "I couldn't post in <#" + channel + "> because I'm not a member. Invite me "
                    + "with `/invite @Framework Advisor` and I can post there next time.";
            case "is_archived" -> "I couldn't post in <#" + channel + "> because it is archived.";
            default -> "I couldn't post in that conversation: it is a private channel I'm not in, or a direct "
                    + "message I can't see. In a private channel, invite me with `/invite @Framework Advisor`; "
                    + "otherwise use me from a channel I'm in.";
        };
    }

    /** Slack stayed down: log the whole decision once, at error level, so an operator can re-send it. */
    private static void lost(Submission submission, Recommendation r, SlackCallException e) {
        log.error("decision_not_delivered channel={} thread={} user={} project=\"{}\" recommendation={} answers={} "
                        + "error={}", submission.target().channel(), submission.target().threadTs().orElse("-"),
                submission.userId(), submission.project().orElse(""), r.framework().id(),
                submission.answers().asMap(), e.getMessage());
    }
}
