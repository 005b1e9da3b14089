package com.frameworkadvisor.slack.render;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.frameworkadvisor.decision.Recommendation;
import com.frameworkadvisor.decision.RecommendationFields;
import com.frameworkadvisor.slack.payload.SlackIds;

/**
 * The Slack message metadata every recommendation message carries (DESIGN.md's contract): {@code event_type}
 * {@value SlackIds#RECOMMENDATION_EVENT} and the recommendation's fields, with who asked and who answered.
 */
final class MessageMetadata {
    private MessageMetadata() {
    }

    static ObjectNode of(ObjectMapper json, Recommendation r, Authors authors) {
        ObjectNode metadata = BlockKit.object().put("event_type", SlackIds.RECOMMENDATION_EVENT);
        ObjectNode payload = json.valueToTree(RecommendationFields.summary(r));
        authors.project().ifPresent(p -> payload.put("project", p));
        payload.put("asked_by", authors.askedBy());
        payload.put("answered_by", authors.submittedBy());
        metadata.set("event_payload", payload);
        return metadata;
    }
}
