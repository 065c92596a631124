// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.server.cli;

import dev.mailkeep.server.admin.AdminClient;
import dev.mailkeep.server.admin.AdminException;
import dev.mailkeep.server.admin.LocalUserAdmin;
import dev.mailkeep.server.admin.UserAdmin;
import dev.mailkeep.server.config.MailkeepConfig;
import dev.mailkeep.store.StoreLockedException;
import dev.mailkeep.store.xodus.XodusMailStore;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mailkeep user add|passwd|list|app-password|token}. Works on the data folder directly when no server runs,
 * and through the running server's admin socket when one holds the store.
 */
@Command(name = "user", mixinStandardHelpOptions = true, description = "Manage user accounts.",
        subcommands = {UserCommand.Add.class, UserCommand.Passwd.class, UserCommand.ListUsers.class,
                CredentialCommand.AppPassword.class, CredentialCommand.Token.class})
final class UserCommand {

    /** The store itself when no server holds it, else the running server through its admin socket. */
    static UserAdmin connect(MailkeepConfig config) throws AdminException {
        try {
            return new LocalUserAdmin(config, XodusMailStore.open(config.dataDir()), true);
        } catch (StoreLockedException e) {
            if (Files.exists(config.adminSocket())) {
                return new AdminClient(config.adminSocket());
            }
            throw new AdminException("the data folder " + config.dataDir()
                    + " is in use by a running Mailkeep server that offers no admin socket at "
                    + config.adminSocket() + "; stop it and run this command again", e);
        }
    }

    /** Reads the new password: one line of standard input, or twice from the terminal without echo. */
    static char[] readPassword(boolean fromStdin) throws IOException, AdminException {
        if (fromStdin) {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (line == null) {
                throw new AdminException("no password on standard input");
            }
            return line.toCharArray();
        }
        Console console = System.console();
        if (console == null) {
            throw new AdminException("no terminal to ask for the password: use --password-stdin");
        }
        char[] password = console.readPassword("New password: ");
        char[] again = console.readPassword("Repeat it: ");
        if (password == null || !Arrays.equals(password, again)) {
            throw new AdminException("the passwords differ");
        }
        return password;
    }

    /** Runs one administrative action and prints its lines; a refusal is printed and exits 1. */
    static int run(CommandSpec spec, CommonOptions common, Action action) throws Exception {
        MailkeepConfig config = common.load();
        try (UserAdmin admin = connect(config)) {
            action.apply(admin).forEach(spec.commandLine().getOut()::println);
            return 0;
        } catch (AdminException e) {
            spec.commandLine().getErr().println("mailkeep: " + e.getMessage());
            return 1;
        }
    }

    /** Reads the new password, hands it to {@code use}, and wipes it afterwards. */
    static List<String> withNewPassword(boolean fromStdin, PasswordUse use) throws Exception {
        char[] password = readPassword(fromStdin);
        try {
            return use.apply(password);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    @FunctionalInterface
    interface Action {
        List<String> apply(UserAdmin admin) throws Exception;
    }

    @FunctionalInterface
    interface PasswordUse {
        List<String> apply(char[] password) throws Exception;
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Create an account with its mailboxes.")
    static final class Add implements Callable<Integer> {
        @Mixin CommonOptions common;
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "ADDRESS", description = "login and mail address, e.g. alice@example.org")
        String address;
        @Option(names = "--password-stdin", description = "read the password from the first line of standard input")
        boolean passwordStdin;

        @Override
        public Integer call() throws Exception {
            return run(spec, common, admin -> withNewPassword(passwordStdin, p -> admin.add(address, p)));
        }
    }

    @Command(name = "passwd", mixinStandardHelpOptions = true, description = "Set a new password for an account.")
    static final class Passwd implements Callable<Integer> {
        @Mixin CommonOptions common;
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "ADDRESS") String address;
        @Option(names = "--password-stdin", description = "read the password from the first line of standard input")
        boolean passwordStdin;

        @Override
        public Integer call() throws Exception {
            return run(spec, common, admin -> withNewPassword(passwordStdin, p -> admin.passwd(address, p)));
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the accounts, one address a line.")
    static final class ListUsers implements Callable<Integer> {
        @Mixin CommonOptions common;
        @Spec CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            return run(spec, common, UserAdmin::list);
        }
    }
}
