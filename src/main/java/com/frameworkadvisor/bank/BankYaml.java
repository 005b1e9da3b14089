package com.frameworkadvisor.bank;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.frameworkadvisor.decision.Question;

import java.util.List;
import java.util.Map;

/** The shape of {@code questions.yml}, as written; {@link QuestionBankLoader} checks it and builds the domain. */
final class BankYaml {
    private BankYaml() {
    }

    record File(List<SourceYaml> sources, RulesYaml rules, List<DecisiveYaml> decisive, List<JsonNode> questions) {
    }

    /** {@code seed} is the file-name prefix of the article in {@code shared/seeds/}, for the citation test. */
    record SourceYaml(String id, String seed, String title, String subtitle, String about, String publisher,
                      String url, String date, @JsonProperty("revision_note") String revisionNote) {
    }

    record RulesYaml(List<CitationYaml> count, List<CitationYaml> tie, SentenceYaml service, SentenceYaml product,
                     List<CitationYaml> fallback) {
    }

    record SentenceYaml(List<String> criteria, List<CitationYaml> citations) {
    }

    record DecisiveYaml(String id, String framework, Map<String, String> when, String why,
                        List<CitationYaml> citations) {
    }

    record CitationYaml(String source, String quote) {
    }

    /** A question with radio buttons ({@code options}), or a group of yes-or-no questions ({@code checkboxes}). */
    record QuestionYaml(String id, String label, @JsonProperty("short_label") String shortLabel, String help,
                        List<OptionYaml> options, List<CheckboxYaml> checkboxes) {
    }

    record OptionYaml(String id, String text, String lean, String criterion, String fastapi, String why,
                      List<CitationYaml> citations) {
    }

    /** One checkbox: a question of its own whose "yes" is ticking it. */
    record CheckboxYaml(String id, @JsonProperty("short_label") String shortLabel, String text, String lean,
                        String criterion, String fastapi, String why, List<CitationYaml> citations) {
        OptionYaml ticked() {
            return new OptionYaml(Question.TICKED, text, lean, criterion, fastapi, why, citations);
        }
    }
}
