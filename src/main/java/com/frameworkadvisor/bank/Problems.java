package com.frameworkadvisor.bank;

import com.frameworkadvisor.bank.BankYaml.CitationYaml;
import com.frameworkadvisor.decision.Citation;
import com.frameworkadvisor.decision.Source;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The checks every part of a bank file gets, with error messages that always start with the file name. */
record Problems(String fileName) {
    /** Ids travel as {@code question=option} on the CLI and as Slack block, action and option values. */
    private static final Pattern ID = Pattern.compile("[a-z0-9_]+");

    InvalidQuestionBankException fail(String where, String problem) {
        return new InvalidQuestionBankException(fileName + ": " + where + problem);
    }

    InvalidQuestionBankException fail(String where, String problem, Throwable cause) {
        return new InvalidQuestionBankException(fileName + ": " + where + problem, cause);
    }

    List<Citation> citations(String where, List<CitationYaml> raw, Map<String, Source> sources) {
        if (raw == null) {
            return List.of();
        }
        List<Citation> citations = new ArrayList<>();
        for (CitationYaml c : raw) {
            Source source = sources.get(c.source());
            if (source == null) {
                throw fail(where, "cites unknown source '" + c.source() + "'; known sources: "
                        + String.join(", ", sources.keySet()));
            }
            if (c.quote() == null || c.quote().isBlank()) {
                throw fail(where, "a citation of '" + c.source() + "' has an empty quote");
            }
            int words = c.quote().strip().split("[\\s\\u00A0]+").length;
            if (words > Citation.MAX_QUOTE_WORDS) {
                throw fail(where, "a quote from '" + c.source() + "' has " + words + " words; at most "
                        + Citation.MAX_QUOTE_WORDS + " (we ship short quotes, never article text)");
            }
            citations.add(new Citation(source, c.quote().strip()));
        }
        return citations;
    }

    void requireId(String where, String id) {
        if (id == null || id.isBlank()) {
            throw fail(where, "id is missing");
        }
        if (!ID.matcher(id).matches() || id.length() > QuestionBankLoader.MAX_ID) {
            throw fail(where, "id '" + id + "' must be lower-case letters, digits and underscores");
        }
    }

    void requireText(String where, String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw fail(where, field + " is empty");
        }
        int length = value.strip().length();
        if (length > max) {
            throw fail(where, field + " is " + length + " characters; at most " + max + " fit Slack");
        }
    }
}
