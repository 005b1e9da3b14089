package com.frameworkadvisor.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.frameworkadvisor.decision.InvalidAnswerException;
import com.frameworkadvisor.decision.Option;
import com.frameworkadvisor.decision.Question;
import com.frameworkadvisor.decision.QuestionBank;
import com.frameworkadvisor.decision.Recommendation;
import com.frameworkadvisor.decision.RecommendationFields;
import com.frameworkadvisor.decision.Scorer;
import com.frameworkadvisor.decision.WhatWouldChange;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command line: {@code questions}, {@code recommend q=opt … [--json]} and {@code recommend --batch}.
 * A user's mistake is a one-line message on stderr and exit code {@value #EXIT_USAGE}, never a stack trace.
 */
public final class Cli {
    public static final int EXIT_OK = 0;
    public static final int EXIT_USAGE = 2;

    static final String USAGE = """
            Usage:
              java -jar framework-advisor.jar                       run the Slack app (see README.md)
              java -jar framework-advisor.jar questions             list question and option ids
              java -jar framework-advisor.jar recommend q=opt ...   recommend Django or Flask for these answers
                  --json    print the result as JSON
                  --batch   read one JSON object of answers per line on stdin, write one JSON result per line
            Questions left out count as "unsure". Example:
              java -jar framework-advisor.jar recommend admin_ui=yes auth=yes api_only=no
            """;

    private final QuestionBank bank;
    private final Scorer scorer;
    private final ObjectMapper json;
    /** Strict: a line with trailing junk or a question answered twice is an error, as on the command line. */
    private final ObjectReader batchLines;

    public Cli(QuestionBank bank, Scorer scorer, ObjectMapper json) {
        this.bank = bank;
        this.scorer = scorer;
        this.json = json;
        this.batchLines = json.readerFor(JsonNode.class)
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }

    /** True when these arguments name a CLI command rather than starting the server. */
    public static boolean handles(String[] args) {
        return args.length > 0;
    }

    /** Runs one command; returns the process exit code. */
    public int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        List<String> rest = new ArrayList<>(List.of(args));
        String command = rest.isEmpty() ? "help" : rest.remove(0);
        try {
            return switch (command) {
                case "questions" -> questions(rest, out);
                case "recommend" -> recommend(rest, in, out);
                case "--batch" -> recommend(new ArrayList<>(List.of(args)), in, out);
                case "help", "--help", "-h" -> {
                    out.print(USAGE);
                    yield EXIT_OK;
                }
                default -> throw new UsageException("unknown command '" + command
                        + "'; commands: questions, recommend");
            };
        } catch (UsageException | InvalidAnswerException e) {
            err.println("error: " + e.getMessage());
            err.println("Run 'java -jar framework-advisor.jar help' for usage.");
            return EXIT_USAGE;
        }
    }

    private int questions(List<String> rest, PrintStream out) {
        if (!rest.isEmpty()) {
            throw new UsageException("'questions' takes no arguments, got " + String.join(" ", rest));
        }
        for (Question question : bank.questions()) {
            out.println(question.id() + "  " + question.label());
            for (Option option : question.options()) {
                out.println("    " + option.id() + "  " + option.text());
            }
        }
        return EXIT_OK;
    }

    private int recommend(List<String> rest, InputStream in, PrintStream out) {
        boolean asJson = rest.remove("--json");
        boolean batch = rest.remove("--batch");
        if (batch) {
            if (!rest.isEmpty()) {
                throw new UsageException("--batch reads answers from stdin; remove " + String.join(" ", rest));
            }
            batch(in, out);
            return EXIT_OK;
        }
        Map<String, String> raw = new LinkedHashMap<>();
        for (String arg : rest) {
            int eq = arg.indexOf('=');
            if (arg.startsWith("-") || eq <= 0) {
                throw new UsageException("'" + arg + "' is not question=option (for example admin_ui=yes)");
            }
            String question = arg.substring(0, eq);
            if (raw.put(question, arg.substring(eq + 1)) != null) {
                throw new UsageException("question '" + question + "' is answered twice");
            }
        }
        Recommendation recommendation = scorer.score(bank.answers(raw));
        WhatWouldChange change = scorer.whatWouldChange(recommendation);
        if (asJson) {
            out.println(write(RecommendationFields.report(recommendation, change)));
        } else {
            out.print(TextReport.render(recommendation, change));
        }
        return EXIT_OK;
    }

    /** One result or error object per input line; a bad line never stops the others. */
    private void batch(InputStream in, PrintStream out) {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        try {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                writer.write(batchLine(number, line));
                writer.write('\n');
            }
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String batchLine(int number, String line) {
        try {
            JsonNode node = batchLines.readTree(line);
            if (node == null || !node.isObject()) {
                return error(number, "expected a JSON object of question ids to option ids");
            }
            Map<String, String> raw = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (!field.getValue().isTextual()) {
                    return error(number, "the answer to '" + field.getKey() + "' must be an option id string");
                }
                raw.put(field.getKey(), field.getValue().asText());
            }
            Recommendation recommendation = scorer.score(bank.answers(raw));
            return write(RecommendationFields.report(recommendation, scorer.whatWouldChange(recommendation)));
        } catch (JsonProcessingException e) {
            return error(number, "not valid JSON: " + e.getOriginalMessage());
        } catch (InvalidAnswerException e) {
            return error(number, e.getMessage());
        }
    }

    private String error(int line, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("line", line);
        error.put("error", message);
        return write(error);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("plain maps and lists always serialize", e);
        }
    }

    /** The command line was used wrongly; the message says how. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
