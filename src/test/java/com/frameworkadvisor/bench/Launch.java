package com.frameworkadvisor.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * How an app under test is started, and the one thing its requests differ in: the private metadata its decision
 * modal carries (the channel), which Slack echoes back in each submission.
 *
 * @param name             short name in reports: {@code ours} or {@code peer}
 * @param directory        the working directory, where the app is run from as deployed
 * @param command          the program and its arguments
 * @param environment      variables the launch line sets, besides those every app gets (AppProcess)
 * @param decisionMetadata the modal's private metadata for a decision started in a channel
 */
record Launch(String name, Path directory, List<String> command, Map<String, String> environment,
              UnaryOperator<String> decisionMetadata) {

    Launch {
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
    }

    /**
     * This app, run from the repository root with {@code command}, a Procfile line (AppProcess#procfileCommand):
     * any {@code NAME=value} words before {@code java} set the environment, as the shell that runs a Procfile does.
     */
    static Launch ours(List<String> command) {
        if (!Files.exists(AppProcess.JAR)) {
            throw new IllegalStateException(AppProcess.JAR + " is missing: run mvn -B package first");
        }
        int java = command.indexOf(AppProcess.JAVA);
        Map<String, String> environment = new LinkedHashMap<>();
        for (String variable : command.subList(0, java)) {
            String[] nameValue = variable.split("=", 2);
            environment.put(nameValue[0], nameValue[1]);
        }
        return new Launch("ours", Path.of("."), command.subList(java, command.size()), environment,
                channel -> "{\"channel\":\"" + channel + "\"}");
    }

    /** This app as the Procfile's {@code web:} line starts it. */
    static Launch ours() throws IOException {
        return ours(AppProcess.procfileCommand());
    }

    /**
     * The Bolt for JavaScript peer (shared/peer-bolt-js) in {@code directory}, started as its README says:
     * {@code node app.js}. Its modal keeps the channel as {@code c} in the private metadata.
     *
     * @throws IllegalStateException saying what to do when the directory is not an installed copy of the peer
     */
    static Launch peer(Path directory, String node) {
        Path dir = directory.toAbsolutePath().normalize();
        if (!Files.isRegularFile(dir.resolve("app.js"))) {
            throw new IllegalStateException("no peer at " + dir + " (no app.js): pass its directory with "
                    + "-Dbench.peer=/path/to/peer-bolt-js, or run this app alone with -Dbench.compare=false");
        }
        if (!Files.isDirectory(dir.resolve("node_modules/@slack/bolt"))) {
            throw new IllegalStateException("the peer at " + dir + " is not installed (no node_modules/@slack/bolt)."
                    + " Install it in a copy of its own (shared/ is read-only where the tests run):\n"
                    + "    peer=$(mktemp -d) && cp -r " + dir + "/. \"$peer\" && (cd \"$peer\" && npm ci --no-audit"
                    + " --no-fund)\nthen run the benchmark with -Dbench.peer=\"$peer\" (or -Dbench.compare=false to"
                    + " measure this app alone)");
        }
        return new Launch("peer", dir, List.of(node, "app.js"), Map.of(), channel -> "{\"c\":\"" + channel + "\"}");
    }
}
