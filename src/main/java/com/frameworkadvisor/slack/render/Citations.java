package com.frameworkadvisor.slack.render;

import com.frameworkadvisor.decision.Citation;
import com.frameworkadvisor.decision.Recommendation;
import com.frameworkadvisor.decision.Source;

import java.util.List;
import java.util.stream.Collectors;

/** The article quotes of a recommendation in mrkdwn: numbered citations, source lines, article 004's FastAPI note. */
final class Citations {
    private Citations() {
    }

    /** Article 004's FastAPI verdict, named as 004's: no other article mentions FastAPI. */
    static String fastApiNote(Recommendation r, boolean withQuotes) {
        String answers = r.fastApiReasons().stream()
                .map(reason -> Mrkdwn.escape(reason.question().shortLabel() + ": " + reason.option().text()))
                .collect(Collectors.joining("; "));
        String note = r.fastApi().instead()
                ? ":zap: *Article 004 points to FastAPI over both* for " + answers + ". If your team must choose "
                        + "between Django and Flask: *" + r.framework().displayName() + "*."
                : ":bulb: *Article 004 also says to consider FastAPI* for " + answers + ".";
        return note + (withQuotes ? quotes(r, r.fastApi().citations()) : "");
    }

    static String quotes(Recommendation r, List<Citation> citations) {
        StringBuilder out = new StringBuilder();
        for (Citation citation : citations) {
            Source source = citation.source();
            out.append("\n>“").append(Mrkdwn.escape(citation.quote())).append("” ")
                    .append(Mrkdwn.link(source.url().orElse(null), "[" + r.citationNumber(source) + "]"));
        }
        return out.toString();
    }

    /** A source as the article gives itself: its title (or what it is), publisher, date as written, and caveats. */
    static String sourceLine(Recommendation r, Source source) {
        return "[" + r.citationNumber(source) + "] " + Mrkdwn.link(source.url().orElse(null), source.name())
                + " · " + Mrkdwn.escape(source.publisher())
                + source.date().map(d -> ", " + Mrkdwn.escape(d)).orElse("")
                + (source.url().isPresent() ? "" : " _(no public link known)_")
                + source.revisionNote().map(note -> " _(" + Mrkdwn.escape(note) + ")_").orElse("");
    }
}
