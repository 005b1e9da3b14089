package com.frameworkadvisor.slack.payload;

import com.slack.api.app_backend.views.payload.ViewSubmissionPayload;
import com.slack.api.model.view.ViewState;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What a submission of the decision modal says, as {@link com.frameworkadvisor.slack.listen.DecisionSubmission}
 * reads it: who sent it from which workspace, the modal's private metadata, and the value of each input block.
 * Built from Bolt's payload ({@link #of}) or read straight from the request body (slack/listen/SubmissionReader),
 * which gives the same record without Bolt's per-request parsing.
 *
 * @param team            the workspace's team id, or null when the payload has none
 * @param user            the submitting user's id, or null
 * @param privateMetadata the modal's private metadata, or null
 * @param values          per block id, the chosen option's value (radio buttons) or the typed text (a text
 *                        input) of the element whose action id is the block id; blocks left empty are absent
 * @param checked         per block id, the values of the ticked options of a checkboxes element whose action id
 *                        is the block id (possibly none)
 */
public record DecisionForm(String team, String user, String privateMetadata, Map<String, String> values,
                           Map<String, List<String>> checked) {
    public DecisionForm {
        values = Map.copyOf(Objects.requireNonNull(values, "values"));
        checked = Objects.requireNonNull(checked, "checked").entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> List.copyOf(e.getValue())));
    }

    /** The form as Bolt parsed it. */
    public static DecisionForm of(ViewSubmissionPayload payload) {
        Map<String, String> values = new HashMap<>();
        Map<String, List<String>> checked = new HashMap<>();
        ViewState state = payload.getView().getState();
        if (state != null && state.getValues() != null) {
            state.getValues().forEach((blockId, elements) -> {
                ViewState.Value element = elements == null ? null : elements.get(blockId);
                if (blockId == null || element == null) {
                    return;
                }
                String value = element.getSelectedOption() != null ? element.getSelectedOption().getValue()
                        : element.getValue();
                if (value != null) {
                    values.put(blockId, value);
                }
                if (element.getSelectedOptions() != null) {
                    checked.put(blockId, element.getSelectedOptions().stream().filter(Objects::nonNull)
                            .map(ViewState.SelectedOption::getValue).filter(Objects::nonNull).toList());
                }
            });
        }
        return new DecisionForm(payload.getTeam() == null ? null : payload.getTeam().getId(),
                payload.getUser() == null ? null : payload.getUser().getId(), payload.getView().getPrivateMetadata(),
                values, checked);
    }

    /** The value of an input block, or null. */
    public String value(String blockId) {
        return values.get(blockId);
    }

    /** The ticked values of a checkboxes block; none when it was left empty. */
    public List<String> ticked(String blockId) {
        return checked.getOrDefault(blockId, List.of());
    }
}
