package com.frameworkadvisor.slack.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.frameworkadvisor.decision.Answers;
import com.frameworkadvisor.decision.QuestionBank;
import com.frameworkadvisor.slack.payload.ModalMetadata;
import com.frameworkadvisor.slack.payload.UnreadablePayloadException;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A validated submission of the decision modal: the workspace, where it goes, who sent it, and the answers. It is
 * kept in the outbox as JSON ({@link #toJson}) until it is delivered.
 */
public record Submission(String workspace, ModalMetadata target, String userId, Optional<String> project,
                         Answers answers) {
    /** The outbox's name for a delivery of a submission. */
    public static final String KIND = "decision";

    public Submission {
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(answers, "answers");
    }

    public String toJson(ObjectMapper json) {
        ObjectNode node = json.createObjectNode().put("workspace", workspace).put("target", target.toJson(json))
                .put("user", userId);
        project.ifPresent(p -> node.put("project", p));
        ObjectNode answered = node.putObject("answers");
        answers.asMap().forEach(answered::put);
        return node.toString();
    }

    /**
     * Reads what {@link #toJson} wrote. Answers the bank no longer offers (it changed between the ack and the
     * delivery) read as "not sure", as a Re-answer reads them.
     *
     * @throws UnreadablePayloadException when it is not what {@link #toJson} writes
     */
    public static Submission parse(ObjectMapper json, QuestionBank bank, String text) {
        JsonNode node = UnreadablePayloadException.readObject(json, text, "delivery");
        String workspace = node.path("workspace").asText(null);
        String user = node.path("user").asText(null);
        if (workspace == null || user == null || !node.path("target").isTextual()) {
            throw new UnreadablePayloadException("a delivery without its workspace, user or target");
        }
        Map<String, String> answers = new LinkedHashMap<>();
        node.path("answers").fields().forEachRemaining(field -> answers.put(field.getKey(), field.getValue().asText()));
        return new Submission(workspace, ModalMetadata.parse(json, node.path("target").asText()), user,
                Optional.ofNullable(node.path("project").asText(null)), bank.answersIgnoringUnknown(answers));
    }
}
