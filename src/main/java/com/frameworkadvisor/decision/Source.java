package com.frameworkadvisor.decision;

import java.util.Objects;
import java.util.Optional;

/**
 * One of the published articles the advice is built from, described as the article itself gives it.
 *
 * @param id short id used by citations in the question bank
 * @param title the title as the article gives it; empty when the text has none
 * @param subtitle the subtitle the article gives under its title, if any
 * @param about what the article is, in our words, when it has no title: never an invented title
 * @param publisher who published it
 * @param url where to read it; empty when no public copy is known (it is then cited by what it is)
 * @param date the date as the article writes it ("updated for 2026"); empty when it states none
 * @param revisionNote why the page at {@code url} may differ from the text the advice quotes, if it may
 */
public record Source(String id, Optional<String> title, Optional<String> subtitle, Optional<String> about,
                     String publisher, Optional<String> url, Optional<String> date, Optional<String> revisionNote) {
    public Source {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(subtitle, "subtitle");
        Objects.requireNonNull(about, "about");
        Objects.requireNonNull(publisher, "publisher");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(revisionNote, "revisionNote");
        if (title.isEmpty() == about.isEmpty()) {
            throw new IllegalArgumentException("source " + id + " needs its title, or (only when it has none) what "
                    + "it is");
        }
    }

    /** How the source is named in a list: its title and subtitle as given, or what it is when it has no title. */
    public String name() {
        return title.map(t -> subtitle.map(s -> t + " (" + s + ")").orElse(t)).orElseGet(about::orElseThrow);
    }
}
