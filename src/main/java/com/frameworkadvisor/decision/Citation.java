package com.frameworkadvisor.decision;

import java.util.Objects;

/**
 * A short verbatim quote from one source, the evidence behind a scoring rule.
 *
 * @param source the article quoted
 * @param quote the exact words, at most {@value #MAX_QUOTE_WORDS} words (we ship quotes, never article text)
 */
public record Citation(Source source, String quote) {
    public static final int MAX_QUOTE_WORDS = 25;

    public Citation {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(quote, "quote");
    }
}
