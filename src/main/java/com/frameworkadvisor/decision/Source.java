package com.frameworkadvisor.decision;

import java.util.Objects;
import java.util.Optional;

/**
 * One of the published articles the advice is built from.
 *
 * @param id short id used by citations in the question bank
 * @param title the article's title as it stands in the article (or its own opening, where it has no title)
 * @param publisher who published it
 * @param url where to read it; empty when no public copy is known (it is then cited by title)
 * @param date the date the article states, free text; empty when it states none
 */
public record Source(String id, String title, String publisher, Optional<String> url, Optional<String> date) {
    public Source {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(publisher, "publisher");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(date, "date");
    }
}
