package com.frameworkadvisor.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.frameworkadvisor.decision.Question;
import com.frameworkadvisor.decision.QuestionBank;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Request bodies in the shapes Slack sends: slash commands, view submissions and block actions. */
public final class SlackPayloads {
    public static final String CHANNEL = "C0GENERAL";
    public static final String ASKER = "U0ASKER1";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** The decision modal as the app renders it (a test fixture): Slack echoes it in every view_submission. */
    private static final JsonNode MODAL = readModal();

    private static JsonNode readModal() {
        try (InputStream in = SlackPayloads.class.getClassLoader().getResourceAsStream("slack/expected-modal.json")) {
            return MAPPER.readTree(in);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("the modal fixture slack/expected-modal.json is missing", e);
        }
    }

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

    /**
     * A view_submission of the decision modal with these answers (radio buttons, and checkboxes ticked where a
     * checkbox question is answered "yes") and project name. Like Slack's, it carries
     * the whole view: its title, buttons and blocks as well as the state.
     */
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
                .put("hash", "156772938.1827394").put("app_id", "A0TEST").put("bot_id", "B0TEST")
                .put("root_view_id", "V0MODAL").put("external_id", "").put("clear_on_close", false)
                .put("notify_on_close", false).put("app_installed_team_id", FakeSlackApi.TEAM_ID);
        view.putNull("previous_view_id");
        for (String field : new String[] {"title", "submit", "close", "blocks"}) {
            view.set(field, MODAL.get(field).deepCopy());
        }
        ObjectNode values = view.putObject("state").putObject("values");
        QuestionBank bank = TestApp.bank();
        bank.groups().forEach(group -> values.putObject(group.id()).putObject(group.id()).put("type", "checkboxes")
                .putArray("selected_options"));
        answers.forEach((question, option) -> {
            Optional<String> group = bank.question(question).flatMap(Question::group);
            if (group.isPresent()) {
                if (option.equals(Question.TICKED)) {
                    ObjectNode box = ((ArrayNode) values.path(group.get()).path(group.get()).path("selected_options"))
                            .addObject();
                    box.putObject("text").put("type", "plain_text").put("text", question);
                    box.put("value", question);
                }
                return;
            }
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

    /**
     * A click on the Re-answer button of a headline that is itself a reply in the thread {@code threadTs} (a
     * decision started with the message shortcut).
     */
    public static ObjectNode reanswerClickInThread(String user, String channel, String messageTs, String threadTs,
                                                   String buttonValue) {
        return buttonClick("reanswer", "Re-answer", user, channel, messageTs, threadTs, buttonValue);
    }

    /**
     * A click on "Record decision" on the parent message {@code messageTs}. The parent has replies by then, so
     * Slack sends its {@code thread_ts}, which equals its own {@code ts}.
     */
    public static ObjectNode recordClick(String user, String channel, String messageTs, String buttonValue) {
        return buttonClick("record_decision", "Record decision", user, channel, messageTs, messageTs, buttonValue);
    }

    /** A click on "Reopen" on the recorded parent message {@code messageTs}. */
    public static ObjectNode reopenClick(String user, String channel, String messageTs, String buttonValue) {
        return buttonClick("reopen_decision", "Reopen", user, channel, messageTs, messageTs, buttonValue);
    }

    /**
     * A block_actions payload for a button on a message in {@code channel}; {@code threadTs} is the message's
     * {@code thread_ts} (null for a message outside any thread).
     */
    public static ObjectNode buttonClick(String actionId, String label, String user, String channel,
                                         String messageTs, String threadTs, String buttonValue) {
        ObjectNode payload = MAPPER.createObjectNode().put("type", "block_actions");
        payload.putObject("team").put("id", FakeSlackApi.TEAM_ID).put("domain", "test");
        payload.putObject("user").put("id", user).put("username", "someone").put("team_id", FakeSlackApi.TEAM_ID);
        payload.put("api_app_id", "A0TEST").put("token", "legacy-verification-token");
        ObjectNode container = payload.putObject("container").put("type", "message").put("message_ts", messageTs)
                .put("channel_id", channel).put("is_ephemeral", false);
        payload.put("trigger_id", "12466734323.1395872398.abc");
        payload.putObject("channel").put("id", channel).put("name", "general");
        ObjectNode message = payload.putObject("message").put("type", "message").put("ts", messageTs)
                .put("text", "recommendation").put("user", FakeSlackApi.BOT_USER_ID);
        if (threadTs != null) {
            container.put("thread_ts", threadTs);
            message.put("thread_ts", threadTs);
        }
        payload.put("response_url", "https://hooks.slack.com/actions/T0TEST/1/abc");
        payload.putArray("actions").addObject().put("action_id", actionId).put("block_id", "decision_actions")
                .put("value", buttonValue).put("type", "button").put("action_ts", "1700000001.000200")
                .putObject("text").put("type", "plain_text").put("text", label);
        return payload;
    }

    /** A click on the App Home's "Start a new decision" button, which carries the DM channel as its value. */
    public static ObjectNode homeNewDecisionClick(String user, String buttonValue) {
        ObjectNode payload = MAPPER.createObjectNode().put("type", "block_actions");
        payload.putObject("team").put("id", FakeSlackApi.TEAM_ID).put("domain", "test");
        payload.putObject("user").put("id", user).put("username", "someone").put("team_id", FakeSlackApi.TEAM_ID);
        payload.put("api_app_id", "A0TEST").put("token", "legacy-verification-token");
        payload.putObject("container").put("type", "view").put("view_id", "V0HOME");
        payload.put("trigger_id", "12466734323.1395872398.home");
        ObjectNode view = payload.putObject("view").put("id", "V0HOME").put("team_id", FakeSlackApi.TEAM_ID)
                .put("type", "home").put("private_metadata", "").put("callback_id", "")
                .put("hash", "1700000000.home").put("app_id", "A0TEST").put("bot_id", "B0TEST");
        view.putArray("blocks");
        payload.putArray("actions").addObject().put("action_id", "home_new_decision").put("block_id", "home_actions")
                .put("value", buttonValue).put("type", "button").put("action_ts", "1700000001.000300")
                .putObject("text").put("type", "plain_text").put("text", "Start a new decision");
        return payload;
    }

    /**
     * The "Decide Django vs Flask" message shortcut used on the message {@code messageTs} in {@code channel};
     * {@code threadTs} is that message's {@code thread_ts} (null for a top-level message without replies).
     */
    public static ObjectNode messageShortcut(String user, String channel, String messageTs, String threadTs) {
        ObjectNode payload = MAPPER.createObjectNode().put("type", "message_action");
        payload.put("token", "legacy-verification-token").put("action_ts", "1700000002.000100");
        payload.putObject("team").put("id", FakeSlackApi.TEAM_ID).put("domain", "test");
        payload.putObject("user").put("id", user).put("username", "someone").put("name", "someone")
                .put("team_id", FakeSlackApi.TEAM_ID);
        payload.putObject("channel").put("id", channel).put("name", "general");
        payload.put("is_enterprise_install", false).put("callback_id", "framework_decide_here")
                .put("trigger_id", "13345224609.738474920.shortcut").put("message_ts", messageTs)
                .put("response_url", "https://hooks.slack.com/app/T0TEST/1/abc");
        ObjectNode message = payload.putObject("message").put("type", "message").put("user", "U0AUTHOR1")
                .put("text", "Should we build the portal with Django or Flask?").put("ts", messageTs);
        if (threadTs != null) {
            message.put("thread_ts", threadTs);
        }
        return payload;
    }

    /**
     * An Events API {@code app_home_opened} callback for the Home tab, as the JSON body Slack posts; {@code dm} is
     * the user's direct message channel with the app.
     */
    public static String appHomeOpened(String user, String dm, String eventId) {
        ObjectNode envelope = MAPPER.createObjectNode().put("token", "legacy-verification-token")
                .put("team_id", FakeSlackApi.TEAM_ID).put("api_app_id", "A0TEST");
        envelope.putObject("event").put("type", "app_home_opened").put("user", user).put("channel", dm)
                .put("tab", "home").put("event_ts", "1700000003.000100");
        envelope.put("type", "event_callback").put("event_id", eventId).put("event_time", 1_700_000_003L);
        return envelope.toString();
    }
}
