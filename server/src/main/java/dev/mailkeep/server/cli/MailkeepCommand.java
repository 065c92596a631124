// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.server.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code mailkeep} command line: the operator's whole interface besides the configuration file. */
@Command(
        name = "mailkeep",
        mixinStandardHelpOptions = true,
        versionProvider = MailkeepCommand.Version.class,
        description = "A mail server for your own domain: JMAP, SMTP and the mail store in one process.",
        subcommands = {ServeCommand.class, UserCommand.class, CheckMessageCommand.class, ReindexCommand.class, CommandLine.HelpCommand.class})
public final class MailkeepCommand {

    /** Runs the command line and returns the process exit code. */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new MailkeepCommand());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("mailkeep: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return 1;
        });
        return cli.execute(args);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = MailkeepCommand.class.getPackage().getImplementationVersion();
            return new String[] {"mailkeep " + (version == null ? "development build" : version)};
        }
    }
}
