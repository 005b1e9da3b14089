package com.frameworkadvisor.slack.delivery;

import java.util.Objects;

/** How one attempt at a delivery ended. */
public sealed interface Outcome {
    /** Done: posted where asked, or sent as a DM where the bot could not post. */
    record Delivered() implements Outcome {
    }

    /** Slack could not be reached (or did not answer): try again later, from the step that failed. */
    record TryAgain(String problem) implements Outcome {
        public TryAgain {
            Objects.requireNonNull(problem, "problem");
        }
    }

    /** It can never be delivered (Slack refused the message itself); kept for an operator. */
    record Failed(String problem) implements Outcome {
        public Failed {
            Objects.requireNonNull(problem, "problem");
        }
    }

    Outcome DELIVERED = new Delivered();
}
