package com.frameworkadvisor.bank;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.frameworkadvisor.bank.BankYaml.CitationYaml;
import com.frameworkadvisor.bank.BankYaml.OptionYaml;
import com.frameworkadvisor.bank.BankYaml.QuestionYaml;
import com.frameworkadvisor.bank.BankYaml.SourceYaml;
import com.frameworkadvisor.decision.Citation;
import com.frameworkadvisor.decision.Lean;
import com.frameworkadvisor.decision.Option;
import com.frameworkadvisor.decision.Question;
import com.frameworkadvisor.decision.QuestionBank;
import com.frameworkadvisor.decision.Source;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads a question bank from YAML and validates it, so that a mistake in the file stops start-up with a message
 * naming the file, the question and the problem instead of surfacing in the middle of a team's decision.
 */
public final class QuestionBankLoader {
    /** The bank the app ships, on the classpath. */
    public static final String DEFAULT_RESOURCE = "questions.yml";

    // Slack's Block Kit limits for what the modal renders from the bank (option object, input block).
    static final int MAX_OPTION_TEXT = 75;
    static final int MAX_OPTION_VALUE = 75;
    static final int MAX_LABEL = 2000;
    static final int MAX_HELP = 150;
    static final int MAX_ID = 255;
    static final int MAX_RADIO_OPTIONS = 10;
    static final int MAX_SHORT_LABEL = 40;
    static final int MAX_QUESTIONS = 20;

    /** Ids travel as {@code question=option} on the CLI and as Slack block, action and option values. */
    private static final Pattern ID = Pattern.compile("[a-z0-9_]+");

    private final ObjectMapper yaml = yamlMapper();

    private static ObjectMapper yamlMapper() {
        ObjectMapper mapper = new ObjectMapper(new YAMLFactory())
                // Explicit on purpose: Jackson 2 and 3 differ in this default, and a typo must fail loudly.
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
                .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true);
        // YAML 1.1 reads an unquoted No, Yes, On or Off as a boolean: a text must never silently become "false".
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return mapper;
    }

    /** Loads the bank the app ships. */
    public QuestionBank loadDefault() {
        try (InputStream in = QuestionBankLoader.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new InvalidQuestionBankException(DEFAULT_RESOURCE + ": not found on the classpath");
            }
            return load(DEFAULT_RESOURCE, in);
        } catch (IOException e) {
            throw new InvalidQuestionBankException(DEFAULT_RESOURCE + ": cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * Reads and validates a bank.
     *
     * @param fileName named in every error message
     * @throws InvalidQuestionBankException on the first problem found
     */
    public QuestionBank load(String fileName, InputStream in) {
        Problems problems = new Problems(fileName);
        BankYaml.File file = read(problems, "", in);
        if (file == null) {
            throw problems.fail("", "the file is empty");
        }
        Map<String, Source> sources = sources(problems, file.sources());
        List<Citation> tieBreak = citations(problems, "tie_break: ", file.tieBreak(), sources);
        if (file.questions() == null || file.questions().isEmpty()) {
            throw problems.fail("", "there are no questions");
        }
        if (file.questions().size() > MAX_QUESTIONS) {
            throw problems.fail("", "has " + file.questions().size() + " questions; at most " + MAX_QUESTIONS
                    + " fit a Slack modal with room to spare");
        }
        List<Question> questions = new ArrayList<>();
        Set<String> questionIds = new HashSet<>();
        for (int i = 0; i < file.questions().size(); i++) {
            JsonNode node = file.questions().get(i);
            String where = "question " + (node.path("id").isTextual()
                    ? "'" + node.path("id").asText() + "'" : "#" + (i + 1)) + ": ";
            QuestionYaml raw = convert(problems, where, node);
            Question question = question(problems, where, raw, sources);
            if (!questionIds.add(question.id())) {
                throw problems.fail(where, "duplicate question id '" + question.id() + "'");
            }
            questions.add(question);
        }
        return new QuestionBank(List.copyOf(sources.values()), questions, tieBreak);
    }

    private BankYaml.File read(Problems problems, String where, InputStream in) {
        try {
            return yaml.readValue(in, BankYaml.File.class);
        } catch (UnrecognizedPropertyException e) {
            throw problems.fail(where, unknownProperty(e), e);
        } catch (JacksonException e) {
            throw problems.fail(where, "not a valid question bank: " + e.getOriginalMessage()
                    + location(e), e);
        } catch (IOException e) {
            throw problems.fail(where, "cannot be read: " + e.getMessage(), e);
        }
    }

    private QuestionYaml convert(Problems problems, String where, JsonNode node) {
        try {
            return yaml.treeToValue(node, QuestionYaml.class);
        } catch (UnrecognizedPropertyException e) {
            throw problems.fail(where, unknownProperty(e), e);
        } catch (JacksonException e) {
            throw problems.fail(where, "not a valid question: " + e.getOriginalMessage(), e);
        }
    }

    private static String unknownProperty(UnrecognizedPropertyException e) {
        String path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + (ref.getIndex() + 1) + "]")
                .collect(Collectors.joining("."));
        Set<String> known = new java.util.TreeSet<>();
        if (e.getKnownPropertyIds() != null) {
            e.getKnownPropertyIds().forEach(id -> known.add(String.valueOf(id)));
        }
        return "unknown property '" + e.getPropertyName() + "' at " + path + " (known: " + String.join(", ", known)
                + ")" + location(e);
    }

    private static String location(JacksonException e) {
        return e.getLocation() == null || e.getLocation().getLineNr() < 1 ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }

    private static Map<String, Source> sources(Problems problems, List<SourceYaml> raw) {
        if (raw == null || raw.isEmpty()) {
            throw problems.fail("", "there are no sources");
        }
        Map<String, Source> sources = new LinkedHashMap<>();
        for (SourceYaml s : raw) {
            String where = "source '" + s.id() + "': ";
            requireId(problems, where, s.id());
            requireText(problems, where, "title", s.title(), MAX_LABEL);
            requireText(problems, where, "publisher", s.publisher(), MAX_LABEL);
            if (s.url() != null && !s.url().matches("https?://\\S+")) {
                throw problems.fail(where, "url must start with http:// or https:// and contain no spaces, was '"
                        + s.url() + "'");
            }
            Source source = new Source(s.id(), s.title().strip(), s.publisher().strip(), Optional.ofNullable(s.url()),
                    Optional.ofNullable(s.date()));
            if (sources.putIfAbsent(s.id(), source) != null) {
                throw problems.fail(where, "duplicate source id '" + s.id() + "'");
            }
        }
        return sources;
    }

    private static Question question(Problems problems, String where, QuestionYaml raw, Map<String, Source> sources) {
        requireId(problems, where, raw.id());
        requireText(problems, where, "label", raw.label(), MAX_LABEL);
        requireText(problems, where, "short_label", raw.shortLabel(), MAX_SHORT_LABEL);
        if (raw.help() != null) {
            requireText(problems, where, "help", raw.help(), MAX_HELP);
        }
        if (raw.options() == null || raw.options().size() < 2) {
            throw problems.fail(where, "needs at least one answer besides '" + Option.UNSURE + "'");
        }
        if (raw.options().size() > MAX_RADIO_OPTIONS) {
            throw problems.fail(where, "has " + raw.options().size() + " options; Slack radio buttons allow at most "
                    + MAX_RADIO_OPTIONS);
        }
        List<Option> options = new ArrayList<>();
        Set<String> optionIds = new HashSet<>();
        for (OptionYaml o : raw.options()) {
            Option option = option(problems, where, o, sources);
            if (!optionIds.add(option.id())) {
                throw problems.fail(where, "duplicate option id '" + option.id() + "'");
            }
            options.add(option);
        }
        Option unsure = options.stream().filter(o -> o.id().equals(Option.UNSURE)).findFirst()
                .orElseThrow(() -> problems.fail(where, "has no '" + Option.UNSURE
                        + "' option; every question must let people say they are not sure"));
        if (unsure.movesScore() || unsure.fastApi()) {
            throw problems.fail(where, "option '" + Option.UNSURE + "' must count for neither side (lean: none, "
                    + "weight: 0, no fastapi)");
        }
        return new Question(raw.id(), raw.label().strip(), raw.shortLabel().strip(),
                Optional.ofNullable(raw.help()).map(String::strip), options);
    }

    private static Option option(Problems problems, String questionWhere, OptionYaml o, Map<String, Source> sources) {
        String where = questionWhere + "option '" + o.id() + "': ";
        requireId(problems, where, o.id());
        if (o.id().length() > MAX_OPTION_VALUE) {
            throw problems.fail(where, "id is " + o.id().length() + " characters; Slack allows at most "
                    + MAX_OPTION_VALUE + " in an option value");
        }
        requireText(problems, where, "text", o.text(), MAX_OPTION_TEXT);
        requireText(problems, where, "why", o.why(), MAX_LABEL);
        Lean lean = Lean.fromId(o.lean()).orElseThrow(() -> problems.fail(where,
                "lean must be one of django, flask, none; was '" + o.lean() + "'"));
        if (o.weight() == null || o.weight() < 0) {
            throw problems.fail(where, "weight must be a whole number, 0 or more; was " + o.weight());
        }
        if (lean == Lean.NONE && o.weight() != 0) {
            throw problems.fail(where, "weight must be 0 when lean is none; was " + o.weight());
        }
        if (lean != Lean.NONE && o.weight() == 0) {
            throw problems.fail(where, "weight 0 with lean " + lean.id() + " counts for nothing; use lean: none");
        }
        boolean fastApi = Boolean.TRUE.equals(o.fastapi());
        List<Citation> citations = citations(problems, where, o.citations(), sources);
        if ((lean != Lean.NONE || fastApi) && citations.isEmpty()) {
            throw problems.fail(where, "counts for " + (fastApi ? "FastAPI" : lean.id())
                    + " but cites nothing; every scoring rule must be traced to an article sentence");
        }
        return new Option(o.id(), o.text().strip(), lean, o.weight(), fastApi, o.why().strip(), citations);
    }

    private static List<Citation> citations(Problems problems, String where, List<CitationYaml> raw,
                                            Map<String, Source> sources) {
        if (raw == null) {
            return List.of();
        }
        List<Citation> citations = new ArrayList<>();
        for (CitationYaml c : raw) {
            Source source = sources.get(c.source());
            if (source == null) {
                throw problems.fail(where, "cites unknown source '" + c.source() + "'; known sources: "
                        + String.join(", ", sources.keySet()));
            }
            if (c.quote() == null || c.quote().isBlank()) {
                throw problems.fail(where, "a citation of '" + c.source() + "' has an empty quote");
            }
            int words = c.quote().strip().split("[\\s\\u00A0]+").length;
            if (words > Citation.MAX_QUOTE_WORDS) {
                throw problems.fail(where, "a quote from '" + c.source() + "' has " + words + " words; at most "
                        + Citation.MAX_QUOTE_WORDS + " (we ship short quotes, never article text)");
            }
            citations.add(new Citation(source, c.quote().strip()));
        }
        return citations;
    }

    private static void requireId(Problems problems, String where, String id) {
        if (id == null || id.isBlank()) {
            throw problems.fail(where, "id is missing");
        }
        if (!ID.matcher(id).matches() || id.length() > MAX_ID) {
            throw problems.fail(where, "id '" + id + "' must be lower-case letters, digits and underscores");
        }
    }

    private static void requireText(Problems problems, String where, String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw problems.fail(where, field + " is empty");
        }
        int length = value.strip().length();
        if (length > max) {
            throw problems.fail(where, field + " is " + length + " characters; at most " + max + " fit Slack");
        }
    }

    /** Builds error messages that always start with the file name. */
    private record Problems(String fileName) {
        InvalidQuestionBankException fail(String where, String problem) {
            return new InvalidQuestionBankException(fileName + ": " + where + problem);
        }

        InvalidQuestionBankException fail(String where, String problem, Throwable cause) {
            return new InvalidQuestionBankException(fileName + ": " + where + problem, cause);
        }
    }
}
