package com.frameworkadvisor.slack;

import com.slack.api.app_backend.views.payload.ViewSubmissionPayload;
import com.slack.api.model.view.ViewState;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a submission of the decision modal says, as {@link DecisionSubmission} reads it: who sent it from which
 * workspace, the modal's private metadata, and the value of each input block. Built from Bolt's payload
 * ({@link #of}) or read straight from the request body by the HTTP adapter (web/SubmissionPayloads), which gives
 * the same record without Bolt's per-request parsing.
 *
 * @param team            the workspace's team id, or null when the payload has none
 * @param user            the submitting user's id, or null
 * @param privateMetadata the modal's private metadata, or null
 * @param values          per block id, the chosen option's value (radio buttons) or the typed text (a text
 *                        input) of the element whose action id is the block id; blocks left empty are absent
 */
public record DecisionForm(String team, String user, String privateMetadata, Map<String, String> values) {
    public DecisionForm {
        values = Map.copyOf(Objects.requireNonNull(values, "values"));
    }

    /** The form as Bolt parsed it. */
    public static DecisionForm of(ViewSubmissionPayload payload) {
        Map<String, String> values = new HashMap<>();
        ViewState state = payload.getView().getState();
        if (state != null && state.getValues() != null) {
            state.getValues().forEach((blockId, elements) -> {
                ViewState.Value element = elements == null ? null : elements.get(blockId);
                String value = element == null ? null : element.getSelectedOption() != null
                        ? element.getSelectedOption().getValue() : element.getValue();
                if (blockId != null && value != null) {
                    values.put(blockId, value);
                }
            });
        }
        return new DecisionForm(payload.getTeam() == null ? null : payload.getTeam().getId(),
                payload.getUser() == null ? null : payload.getUser().getId(), payload.getView().getPrivateMetadata(),
                values);
    }

    /** The value of an input block, or null. */
    public String value(String blockId) {
        return values.get(blockId);
    }
}
