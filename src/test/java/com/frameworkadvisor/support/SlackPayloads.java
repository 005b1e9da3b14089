package com.frameworkadvisor.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.Map;

/** Request bodies in the shapes Slack sends: slash commands, view submissions and block actions. */
public final class SlackPayloads {
    public static final String CHANNEL = "C0GENERAL";
    public static final String ASKER = "U0ASKER1";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SlackPayloads() {
    }

    public static String slashCommand(String command, String text, String user, String channel) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("token", "legacy-verification-token");
        form.put("team_id", FakeSlackApi.TEAM_ID);
        form.put("team_domain", "test");
        form.put("channel_id", channel);
        form.put("channel_name", "general");
        form.put("user_id", user);
        form.put("user_name", "someone");
        form.put("command", command);
        form.put("text", text);
        form.put("api_app_id", "A0TEST");
        form.put("is_enterprise_install", "false");
        form.put("response_url", "https://hooks.slack.com/commands/T0TEST/1/abc");
        form.put("trigger_id", "13345224609.738474920.8088930838d88f008e0");
        return SignedRequests.form(form);
    }

    public static String slashCommand(String text) {
        return slashCommand("/framework", text, ASKER, CHANNEL);
    }

    /** Answers to every question of the shipped bank: {@code unsure} except where {@code chosen} says otherwise. */
    public static Map<String, String> answers(Map<String, String> chosen) {
        Map<String, String> answers = new LinkedHashMap<>();
        TestApp.bank().questions().forEach(q -> answers.put(q.id(), "unsure"));
        chosen.forEach((question, option) -> {
            if (!answers.containsKey(question)) {
                throw new IllegalArgumentException("the shipped bank has no question " + question);
            }
            answers.put(question, option);
        });
        return answers;
    }

    /** Answers for which the shipped bank recommends Django, strongly (5 to 0). */
    public static Map<String, String> djangoAnswers() {
        return answers(Map.of("admin_ui", "yes", "auth", "yes", "api_only", "no",
                "team_experience", "under_2_years", "outlook", "crud_auth_admin"));
    }

    /** The private metadata of a modal opened by the slash command in {@code channel}. */
    public static String newDecisionMetadata(String channel) {
        return MAPPER.createObjectNode().put("channel", channel).toString();
    }

    /** A view_submission of the decision modal with these radio answers and project name. */
    public static ObjectNode viewSubmission(String user, String privateMetadata, Map<String, String> answers,
                                            String project) {
        ObjectNode payload = MAPPER.createObjectNode().put("type", "view_submission");
        payload.putObject("team").put("id", FakeSlackApi.TEAM_ID).put("domain", "test");
        payload.putObject("user").put("id", user).put("username", "someone").put("name", "someone")
                .put("team_id", FakeSlackApi.TEAM_ID);
        payload.put("api_app_id", "A0TEST").put("token", "legacy-verification-token")
                .put("trigger_id", "12345.98765.abcd2358fdea");
        ObjectNode view = payload.putObject("view");
        view.put("id", "V0MODAL").put("team_id", FakeSlackApi.TEAM_ID).put("type", "modal")
                .put("callback_id", "framework_decision").put("private_metadata", privateMetadata)
                .put("hash", "156772938.1827394").put("app_id", "A0TEST").put("bot_id", "B0TEST");
        ObjectNode values = view.putObject("state").putObject("values");
        answers.forEach((question, option) -> {
            ObjectNode value = values.putObject(question).putObject(question).put("type", "radio_buttons");
            ObjectNode selected = value.putObject("selected_option");
            selected.putObject("text").put("type", "plain_text").put("text", option);
            selected.put("value", option);
        });
        ObjectNode projectValue = values.putObject("project").putObject("project").put("type", "plain_text_input");
        if (project == null) {
            projectValue.putNull("value");
        } else {
            projectValue.put("value", project);
        }
        payload.putArray("response_urls");
        return payload;
    }

    /** A click on the Re-answer button of the message {@code messageTs} in {@code channel}. */
    public static ObjectNode reanswerClick(String user, String channel, String messageTs, String buttonValue) {
        ObjectNode payload = MAPPER.createObjectNode().put("type", "block_actions");
        payload.putObject("team").put("id", FakeSlackApi.TEAM_ID).put("domain", "test");
        payload.putObject("user").put("id", user).put("username", "someone").put("team_id", FakeSlackApi.TEAM_ID);
        payload.put("api_app_id", "A0TEST").put("token", "legacy-verification-token");
        payload.putObject("container").put("type", "message").put("message_ts", messageTs)
                .put("channel_id", channel).put("is_ephemeral", false);
        payload.put("trigger_id", "12466734323.1395872398.abc");
        payload.putObject("channel").put("id", channel).put("name", "general");
        payload.putObject("message").put("type", "message").put("ts", messageTs).put("text", "recommendation")
                .put("user", FakeSlackApi.BOT_USER_ID);
        payload.put("response_url", "https://hooks.slack.com/actions/T0TEST/1/abc");
        payload.putArray("actions").addObject().put("action_id", "reanswer").put("block_id", "decision_actions")
                .put("value", buttonValue).put("type", "button").put("action_ts", "1700000001.000200")
                .putObject("text").put("type", "plain_text").put("text", "Re-answer");
        return payload;
    }
}
