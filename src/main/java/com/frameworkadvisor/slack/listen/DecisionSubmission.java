package com.frameworkadvisor.slack.listen;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.frameworkadvisor.decision.CheckboxGroup;
import com.frameworkadvisor.decision.Option;
import com.frameworkadvisor.decision.Question;
import com.frameworkadvisor.decision.QuestionBank;
import com.frameworkadvisor.slack.delivery.DeliveryWorker;
import com.frameworkadvisor.slack.delivery.Submission;
import com.frameworkadvisor.slack.payload.DecisionForm;
import com.frameworkadvisor.slack.payload.ModalMetadata;
import com.frameworkadvisor.slack.payload.SlackIds;
import com.frameworkadvisor.slack.payload.SlackPayloadParts;
import com.frameworkadvisor.slack.payload.UnreadablePayloadException;
import com.frameworkadvisor.slack.render.ModalRenderer;
import com.frameworkadvisor.slack.render.Notices;
import com.frameworkadvisor.slack.webapi.BotTokens;
import com.slack.api.bolt.context.builtin.ViewSubmissionContext;
import com.slack.api.bolt.handler.builtin.ViewSubmissionHandler;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;

/**
 * The decision modal was submitted: validate, store it in the outbox, and ack at once (closing the modal or showing
 * field errors); the {@link DeliveryWorker} posts it after the ack, so Slack's 3-second ack window is never at
 * risk.
 *
 * <p>Two ways in, one answer: Bolt calls {@link #apply} (Socket Mode, and any payload left to Bolt); over HTTP,
 * {@link #answerRead} reads the submission itself with {@link SubmissionReader} and answers without Bolt.
 */
public final class DecisionSubmission implements ViewSubmissionHandler {
    private static final Logger log = LoggerFactory.getLogger(DecisionSubmission.class);

    private final QuestionBank bank;
    private final DeliveryWorker deliveries;
    private final BotTokens tokens;
    private final ObjectMapper json;
    private final SubmissionReader reader = new SubmissionReader();

    /** @param tokens whose installations the fast path checks, as Bolt's authorization would */
    public DecisionSubmission(QuestionBank bank, DeliveryWorker deliveries, BotTokens tokens, ObjectMapper json) {
        this.bank = bank;
        this.deliveries = deliveries;
        this.tokens = tokens;
        this.json = json;
    }

    @Override
    public Response apply(ViewSubmissionRequest request, ViewSubmissionContext ctx) {
        return submit(DecisionForm.of(request.getPayload()), ctx);
    }

    /**
     * The answer to a raw request body when it is plainly a submission of the decision modal; empty for anything
     * else, which Bolt then parses and routes.
     *
     * <p>This skips Bolt's middleware, on purpose and only here: Bolt 1.48 builds a new Gson for every payload it
     * parses, which made parsing a submission cost more than handling it (docs/performance.md). What the skipped
     * middleware does is done elsewhere: the HTTP host verifies the signature (Bolt's check is off anyway); while
     * Slack refuses the token the caller leaves submissions to Bolt, whose authorization then refuses them; and a
     * submission from a workspace the app is not installed in is left to Bolt too.
     * It can go, with {@link SubmissionReader}, once Bolt parses payloads with a shared Gson.
     */
    public Optional<Response> answerRead(byte[] body) {
        // A workspace without an installation is left to Bolt, whose authorization answers it.
        return reader.decisionSubmission(body)
                .filter(form -> tokens.installed(SlackPayloadParts.workspace(form.team())))
                .map(form -> submit(form, new ViewSubmissionContext()));
    }

    /** The ack for a submitted decision modal; {@code ctx} only builds the response. */
    public Response submit(DecisionForm form, ViewSubmissionContext ctx) {
        String firstQuestion = bank.questions().get(0).id();
        ModalMetadata target;
        try {
            target = ModalMetadata.parse(json, form.privateMetadata());
        } catch (UnreadablePayloadException e) {
            log.warn("submission_rejected reason=\"{}\"", e.getMessage());
            return ctx.ackWithErrors(Map.of(firstQuestion, Notices.FORM_UNREADABLE));
        }
        String userId = form.user();
        if (!SlackPayloadParts.isUserId(userId)) {
            return ctx.ackWithErrors(Map.of(firstQuestion, Notices.WHO_ARE_YOU));
        }
        Map<String, String> errors = new LinkedHashMap<>();
        Map<String, String> answers = new LinkedHashMap<>();
        for (CheckboxGroup group : bank.groups()) {
            List<String> boxes = bank.questionsIn(group).stream().map(Question::id).toList();
            if (!boxes.containsAll(form.ticked(group.id()))) {
                errors.put(group.id(), Notices.BOX_NO_LONGER_OFFERED);
            }
        }
        for (Question question : bank.questions()) {
            if (question.isCheckbox()) {
                boolean ticked = form.ticked(question.group().orElseThrow()).contains(question.id());
                answers.put(question.id(), ticked ? Question.TICKED : Option.UNSURE);
                continue;
            }
            String chosen = form.value(question.id());
            if (chosen == null) {
                errors.put(question.id(), Notices.CHOOSE_AN_ANSWER);
            } else if (question.option(chosen).isEmpty()) {
                errors.put(question.id(), Notices.ANSWER_NO_LONGER_OFFERED);
            } else {
                answers.put(question.id(), chosen);
            }
        }
        Optional<String> project = Optional.ofNullable(form.value(SlackIds.PROJECT)).map(String::strip)
                .filter(p -> !p.isEmpty());
        if (project.isPresent() && project.get().codePointCount(0, project.get().length())
                > ModalRenderer.MAX_PROJECT) {
            errors.put(SlackIds.PROJECT, Notices.projectTooLong(ModalRenderer.MAX_PROJECT));
        }
        if (!errors.isEmpty()) {
            return ctx.ackWithErrors(errors);
        }
        Submission submission = new Submission(SlackPayloadParts.workspace(form.team()), target, userId, project,
                bank.answers(answers));
        try {
            // Stored before the ack: from here on, it is posted even if the app stops or is killed.
            deliveries.accept(submission);
        } catch (RejectedExecutionException e) {
            log.warn("submission_rejected reason=busy channel={} user={}", target.channel(), userId);
            return ctx.ackWithErrors(Map.of(firstQuestion, Notices.TOO_BUSY));
        }
        return ctx.ack();
    }
}
