package com.frameworkadvisor.bank;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/** The shape of {@code questions.yml}, as written; {@link QuestionBankLoader} checks it and builds the domain. */
final class BankYaml {
    private BankYaml() {
    }

    record File(List<SourceYaml> sources,
                @JsonProperty("tie_break") List<CitationYaml> tieBreak,
                List<JsonNode> questions) {
    }

    /** {@code seed} is the file-name prefix of the article in {@code shared/seeds/}, for the citation test. */
    record SourceYaml(String id, String seed, String title, String publisher, String url, String date) {
    }

    record CitationYaml(String source, String quote) {
    }

    record QuestionYaml(String id, String label, @JsonProperty("short_label") String shortLabel, String help,
                        List<OptionYaml> options) {
    }

    record OptionYaml(String id, String text, String lean, Integer weight, Boolean fastapi, String why,
                      List<CitationYaml> citations) {
    }
}
