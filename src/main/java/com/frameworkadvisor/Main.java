package com.frameworkadvisor;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.frameworkadvisor.bank.InvalidQuestionBankException;
import com.frameworkadvisor.bank.QuestionBankLoader;
import com.frameworkadvisor.cli.Cli;
import com.frameworkadvisor.decision.QuestionBank;
import com.frameworkadvisor.decision.Scorer;

/** Entry point: with arguments, the command line; without, the Slack app server. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        QuestionBank bank;
        try {
            bank = new QuestionBankLoader().loadDefault();
        } catch (InvalidQuestionBankException e) {
            System.err.println("The question bank is invalid: " + e.getMessage());
            System.exit(Cli.EXIT_USAGE);
            return;
        }
        if (Cli.handles(args)) {
            System.exit(new Cli(bank, new Scorer(), new ObjectMapper()).run(args, System.in, System.out, System.err));
        }
        System.err.println("The Slack server is not built yet; try 'questions' or 'recommend'.");
        System.exit(Cli.EXIT_USAGE);
    }
}
