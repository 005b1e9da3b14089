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
import com.frameworkadvisor.bank.BankYaml.QuestionYaml;
import com.frameworkadvisor.bank.BankYaml.SourceYaml;
import com.frameworkadvisor.decision.CheckboxGroup;
import com.frameworkadvisor.decision.DecisiveRule;
import com.frameworkadvisor.decision.Lean;
import com.frameworkadvisor.decision.Option;
import com.frameworkadvisor.decision.Question;
import com.frameworkadvisor.decision.QuestionBank;
import com.frameworkadvisor.decision.ScoringRules;
import com.frameworkadvisor.decision.Source;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads a question bank from YAML and validates it, so that a mistake in the file stops start-up with a message
 * naming the file, the question and the problem instead of surfacing in the middle of a team's decision. The bank
 * the app ships is read from its compiled form when the build left one for this very {@code questions.yml}
 * ({@link CompiledBank}), and through the same checks.
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
    /** The scorer keeps the criteria an answer set counts as in the bits of one long. */
    static final int MAX_CRITERIA = Long.SIZE;

    /** Made when a YAML file is read: the app's own start reads the compiled bank and needs none of it. */
    private ObjectMapper yaml;

    private ObjectMapper yaml() {
        if (yaml == null) {
            yaml = YamlMapper.create();
        }
        return yaml;
    }

    /** In a class of its own: the JVM's verifier loads the YAML factory with the class that creates it. */
    private static final class YamlMapper {
        static ObjectMapper create() {
            ObjectMapper mapper = new ObjectMapper(new YAMLFactory())
                    // Explicit on purpose: Jackson 2 and 3 differ in this default, and a typo must fail loudly.
                    .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
                    .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true);
            // YAML 1.1 reads an unquoted No, Yes, On or Off as a boolean: a text must never silently become "false".
            mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Boolean,
                    CoercionAction.Fail);
            return mapper;
        }
    }

    /** Loads the bank the app ships: compiled by the build from this {@code questions.yml}, or else the YAML. */
    public QuestionBank loadDefault() {
        byte[] source = resource(DEFAULT_RESOURCE).orElseThrow(() -> new InvalidQuestionBankException(
                DEFAULT_RESOURCE + ": not found on the classpath"));
        Optional<BankYaml.File> compiled = resource(CompiledBank.RESOURCE)
                .flatMap(json -> CompiledBank.read(json, source, new ObjectMapper()));
        return compiled.isPresent() ? load(DEFAULT_RESOURCE, compiled.get())
                : load(DEFAULT_RESOURCE, new ByteArrayInputStream(source));
    }

    /** Validates a compiled bank ({@link CompiledBank#read}) as {@link #load(String, InputStream)} does the YAML. */
    QuestionBank load(String fileName, BankYaml.File compiled) {
        return build(new Problems(fileName), compiled,
                (problems, where, node) -> CompiledBank.bind(node, QuestionYaml.class));
    }

    private static Optional<byte[]> resource(String name) {
        try (InputStream in = QuestionBankLoader.class.getClassLoader().getResourceAsStream(name)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new InvalidQuestionBankException(name + ": cannot be read: " + e.getMessage(), e);
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
        return build(problems, read(problems, "", in), this::convert);
    }

    /**
     * The bank in a YAML file as {@link CompiledBank} keeps it, once {@link #load(String, InputStream)} has found
     * nothing wrong with it: its questions read into records, for the whole bank to be checked again where it is
     * read.
     *
     * @throws InvalidQuestionBankException on the first problem found
     */
    BankYaml.File compile(String fileName, byte[] yaml) {
        Problems problems = new Problems(fileName);
        load(fileName, new ByteArrayInputStream(yaml));
        BankYaml.File file = read(problems, "", new ByteArrayInputStream(yaml));
        List<JsonNode> questions = new ArrayList<>();
        for (JsonNode node : file.questions()) {
            questions.add(CompiledBank.tree(convert(problems, "", node)));
        }
        return new BankYaml.File(file.sources(), file.rules(), file.decisive(), questions);
    }

    /** How a question's tree becomes its record: the YAML's, with Jackson's messages, or the compiled one's. */
    private interface QuestionConverter {
        QuestionYaml convert(Problems problems, String where, JsonNode node);
    }

    private QuestionBank build(Problems problems, BankYaml.File file, QuestionConverter converter) {
        if (file == null) {
            throw problems.fail("", "the file is empty");
        }
        Map<String, Source> sources = sources(problems, file.sources());
        if (file.questions() == null || file.questions().isEmpty()) {
            throw problems.fail("", "there are no questions");
        }
        if (file.questions().size() > MAX_QUESTIONS) {
            throw problems.fail("", "has " + file.questions().size() + " questions; at most " + MAX_QUESTIONS
                    + " fit a Slack modal with room to spare");
        }
        List<Question> questions = new ArrayList<>();
        List<CheckboxGroup> groups = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < file.questions().size(); i++) {
            JsonNode node = file.questions().get(i);
            String where = "question " + (node.path("id").isTextual()
                    ? "'" + node.path("id").asText() + "'" : "#" + (i + 1)) + ": ";
            QuestionYaml raw = converter.convert(problems, where, node);
            List<Question> asked = raw.checkboxes() != null
                    ? QuestionReader.checkboxes(problems, where, raw, sources, groups)
                    : List.of(QuestionReader.question(problems, where, raw, sources));
            for (Question question : asked) {
                if (!ids.add(question.id())) {
                    throw problems.fail(where, "duplicate question id '" + question.id() + "'");
                }
            }
            questions.addAll(asked);
        }
        for (CheckboxGroup group : groups) {
            if (!ids.add(group.id())) {
                throw problems.fail("question '" + group.id() + "': ", "a question already has this id");
            }
        }
        Map<String, Lean> criteria = criteria(problems, questions);
        ScoringRules rules = RuleReader.rules(problems, file.rules(), sources, criteria);
        List<DecisiveRule> decisive = RuleReader.decisive(problems, file.decisive(), sources, questions);
        return new QuestionBank(List.copyOf(sources.values()), questions, groups, rules, decisive);
    }

    /** Every criterion counts for one framework only, and they fit the scorer's 64 bits. */
    private static Map<String, Lean> criteria(Problems problems, List<Question> questions) {
        Map<String, Lean> criteria = new LinkedHashMap<>();
        for (Question question : questions) {
            for (Option option : question.options()) {
                if (option.criterion().isEmpty()) {
                    continue;
                }
                Lean known = criteria.putIfAbsent(option.criterion().get(), option.lean());
                if (known != null && known != option.lean()) {
                    throw problems.fail("question '" + question.id() + "': option '" + option.id() + "': ",
                            "criterion '" + option.criterion().get() + "' counts for " + known.id()
                                    + " elsewhere; one criterion counts for one framework");
                }
            }
        }
        if (criteria.size() > MAX_CRITERIA) {
            throw problems.fail("", "names " + criteria.size() + " criteria; at most " + MAX_CRITERIA);
        }
        return criteria;
    }

    private BankYaml.File read(Problems problems, String where, InputStream in) {
        try {
            return yaml().readValue(in, BankYaml.File.class);
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
            return yaml().treeToValue(node, QuestionYaml.class);
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
            problems.requireId(where, s.id());
            if ((s.title() == null) == (s.about() == null)) {
                throw problems.fail(where, "give the article's own title, or, only when it has none, 'about' (what "
                        + "it is); never both, never an invented title");
            }
            for (String text : new String[] {s.title(), s.subtitle(), s.about(), s.date(), s.revisionNote()}) {
                if (text != null) {
                    problems.requireText(where, "text", text, MAX_LABEL);
                }
            }
            problems.requireText(where, "publisher", s.publisher(), MAX_LABEL);
            if (s.url() != null && !s.url().matches("https?://\\S+")) {
                throw problems.fail(where, "url must start with http:// or https:// and contain no spaces, was '"
                        + s.url() + "'");
            }
            Source source = new Source(s.id(), stripped(s.title()), stripped(s.subtitle()), stripped(s.about()),
                    s.publisher().strip(), Optional.ofNullable(s.url()), stripped(s.date()),
                    stripped(s.revisionNote()));
            if (sources.putIfAbsent(s.id(), source) != null) {
                throw problems.fail(where, "duplicate source id '" + s.id() + "'");
            }
        }
        return sources;
    }

    private static Optional<String> stripped(String text) {
        return Optional.ofNullable(text).map(String::strip);
    }

}
