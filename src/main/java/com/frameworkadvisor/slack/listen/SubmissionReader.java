package com.frameworkadvisor.slack.listen;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.frameworkadvisor.slack.payload.DecisionForm;
import com.frameworkadvisor.slack.payload.SlackIds;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a submission of the decision modal from the raw body, for {@link DecisionSubmission#answerRead}, instead of
 * leaving it to Bolt. Bolt 1.48 parses each payload with a new Gson, building a reflective adapter for every class
 * it meets, and Slack sends the whole view back with every submission, blocks and all, though the listener reads
 * only a few fields. That made Bolt's parsing more than half of the app's CPU in the submission benchmark
 * (docs/performance.md). Here one streaming pass picks out those fields and skips the rest.
 *
 * <p>Whatever is not plainly a decision modal submission, or has a field of a type Slack never sends, is left to
 * Bolt, which then routes or refuses it as it always did: this reader never answers differently from Bolt, it only
 * answers sooner ({@code SubmissionReaderTest} compares the two).
 */
final class SubmissionReader {
    private static final byte[] PAYLOAD = "payload=".getBytes(StandardCharsets.US_ASCII);
    private static final JsonFactory JSON = new JsonFactory();

    /** Not the shape of Slack's view submissions: left to Bolt. */
    private static final class Unexpected extends Exception {
        Unexpected() {
            super(null, null, false, false);
        }
    }

    /** The decision modal's form in a submission body; empty for anything else, which Bolt then parses. */
    Optional<DecisionForm> decisionSubmission(byte[] body) {
        if (!startsWith(body, PAYLOAD)) {
            return Optional.empty();
        }
        try (JsonParser in = JSON.createParser(new FormValue(body, PAYLOAD.length))) {
            return Optional.ofNullable(form(in));
        } catch (IOException | Unexpected e) {
            return Optional.empty();
        }
    }

    /** The form, or null when the payload is well-formed but not a submission of the decision modal. */
    private static DecisionForm form(JsonParser in) throws IOException, Unexpected {
        in.nextToken();
        expect(object(in));
        String type = null;
        String team = null;
        String user = null;
        boolean hasUser = false;
        View view = null;
        while (in.nextToken() == JsonToken.FIELD_NAME) {
            String field = in.currentName();
            in.nextToken();
            switch (field) {
                case "type" -> {
                    type = text(in);
                    if (!"view_submission".equals(type)) {
                        return null; // a block action or the like, Bolt's to parse: Slack sends the type first
                    }
                }
                case "team" -> team = field(in, "id");
                case "user" -> {
                    hasUser = in.currentToken() == JsonToken.START_OBJECT;
                    user = field(in, "id");
                }
                case "view" -> view = view(in);
                default -> in.skipChildren();
            }
        }
        expect(in.nextToken() == null);
        expect(hasUser); // Bolt fails on a submission without a user, and refuses it
        boolean decision = type != null && view != null && SlackIds.DECISION_MODAL.equals(view.callbackId);
        return decision ? new DecisionForm(team, user, view.privateMetadata, view.state.values, view.state.checked)
                : null;
    }

    private static final class View {
        String callbackId;
        String privateMetadata;
        State state = new State();
    }

    /** The input blocks' values: a chosen option or typed text, or the ticked options of checkboxes. */
    private static final class State {
        final Map<String, String> values = new HashMap<>();
        final Map<String, List<String>> checked = new HashMap<>();
    }

    private static View view(JsonParser in) throws IOException, Unexpected {
        if (!object(in)) {
            return null;
        }
        View view = new View();
        while (in.nextToken() == JsonToken.FIELD_NAME) {
            String field = in.currentName();
            in.nextToken();
            switch (field) {
                case "callback_id" -> view.callbackId = text(in);
                case "private_metadata" -> view.privateMetadata = text(in);
                case "state" -> view.state = state(in);
                default -> in.skipChildren(); // the blocks, most of the payload, among them
            }
        }
        return view;
    }

    /** {@code state.values}: per block id, the value of the element whose action id is the block id. */
    private static State state(JsonParser in) throws IOException, Unexpected {
        State state = new State();
        if (!object(in)) {
            return state;
        }
        while (in.nextToken() == JsonToken.FIELD_NAME) {
            boolean isValues = in.currentName().equals("values");
            in.nextToken();
            if (isValues && object(in)) {
                blocks(in, state);
            } else {
                in.skipChildren();
            }
        }
        return state;
    }

    private static void blocks(JsonParser in, State state) throws IOException, Unexpected {
        Set<String> blocks = new HashSet<>();
        while (in.nextToken() == JsonToken.FIELD_NAME) {
            String block = in.currentName();
            expect(blocks.add(block)); // Bolt's Gson refuses a map with a key twice
            in.nextToken();
            if (!object(in)) {
                continue;
            }
            Set<String> actions = new HashSet<>();
            while (in.nextToken() == JsonToken.FIELD_NAME) {
                String action = in.currentName();
                expect(actions.add(action));
                in.nextToken();
                // Every element is read, so that one Bolt's Gson would refuse goes to Bolt; the one whose
                // action id is the block id is the answer.
                element(in, action.equals(block) ? block : null, state);
            }
        }
    }

    /**
     * An element's chosen option's value if it has a chosen option, else its typed value (as Bolt's form has); and
     * the values of its ticked options when it is a checkboxes element.
     */
    private static void element(JsonParser in, String answerOf, State state) throws IOException, Unexpected {
        if (!object(in)) {
            return;
        }
        boolean chosen = false;
        String selected = null;
        String typed = null;
        List<String> ticked = null;
        while (in.nextToken() == JsonToken.FIELD_NAME) {
            String field = in.currentName();
            in.nextToken();
            switch (field) {
                case "selected_option" -> {
                    chosen = in.currentToken() == JsonToken.START_OBJECT;
                    selected = field(in, "value");
                }
                case "selected_options" -> ticked = options(in);
                case "value" -> typed = text(in);
                default -> in.skipChildren();
            }
        }
        String value = chosen ? selected : typed;
        if (answerOf != null && value != null) {
            state.values.put(answerOf, value);
        }
        if (answerOf != null && ticked != null) {
            state.checked.put(answerOf, ticked);
        }
    }

    /** A list of option objects, as the values they carry; null for a JSON null, as Bolt reads it. */
    private static List<String> options(JsonParser in) throws IOException, Unexpected {
        if (in.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(in.currentToken() == JsonToken.START_ARRAY);
        List<String> values = new ArrayList<>();
        while (in.nextToken() != JsonToken.END_ARRAY) {
            expect(in.currentToken() == JsonToken.START_OBJECT); // Bolt's list holds no nulls or scalars here
            String value = field(in, "value");
            if (value != null) {
                values.add(value);
            }
        }
        return values;
    }

    /** The string field {@code name} of an object such as {@code user} or {@code selected_option}, or null. */
    private static String field(JsonParser in, String name) throws IOException, Unexpected {
        String value = null;
        if (object(in)) {
            while (in.nextToken() == JsonToken.FIELD_NAME) {
                boolean wanted = in.currentName().equals(name);
                in.nextToken();
                if (wanted) {
                    value = text(in);
                } else {
                    in.skipChildren();
                }
            }
        }
        return value;
    }

    /** Whether the current value is an object to read (true) or null (false); anything else is left to Bolt. */
    private static boolean object(JsonParser in) throws Unexpected {
        if (in.currentToken() == JsonToken.VALUE_NULL) {
            return false;
        }
        expect(in.currentToken() == JsonToken.START_OBJECT);
        return true;
    }

    /** A string or null; any other value is left to Bolt, whose Gson would coerce or refuse it. */
    private static String text(JsonParser in) throws IOException, Unexpected {
        if (in.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(in.currentToken() == JsonToken.VALUE_STRING);
        return in.getText();
    }

    private static void expect(boolean shape) throws Unexpected {
        if (!shape) {
            throw new Unexpected();
        }
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }

}
