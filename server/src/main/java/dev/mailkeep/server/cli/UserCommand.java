// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.server.cli;

import dev.mailkeep.server.config.MailkeepConfig;
import dev.mailkeep.store.AccountExistsException;
import dev.mailkeep.store.MailStore;
import dev.mailkeep.store.StoreLockedException;
import dev.mailkeep.store.model.Account;
import dev.mailkeep.store.xodus.XodusMailStore;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code mailkeep user add|passwd|list}: manages accounts directly in the data folder. */
@Command(name = "user", mixinStandardHelpOptions = true, description = "Manage user accounts.",
        subcommands = {UserCommand.Add.class, UserCommand.Passwd.class, UserCommand.ListUsers.class})
final class UserCommand {
    static final int MIN_PASSWORD_LENGTH = 8;
    private static final Pattern ADDRESS = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,253}");

    /** Opens the store of the configured data folder, explaining clearly when a server holds it. */
    static MailStore openStore(MailkeepConfig config) {
        try {
            return XodusMailStore.open(config.dataDir());
        } catch (StoreLockedException e) {
            throw new IllegalStateException("the data folder " + config.dataDir()
                    + " is in use by a running Mailkeep server; stop it (or run this command while it is stopped)", e);
        }
    }

    static String checkAddress(MailkeepConfig config, String address) {
        String lower = address.toLowerCase(Locale.ROOT);
        if (!ADDRESS.matcher(lower).matches()) {
            throw new IllegalArgumentException("\"" + address + "\" is not an email address (user@domain)");
        }
        if (!config.servesAddress(lower)) {
            throw new IllegalArgumentException("\"" + address + "\" is not in a served domain " + config.domains()
                    + "; add its domain to `domains` in the configuration first");
        }
        return lower;
    }

    /** Reads the new password: one line of standard input, or twice from the terminal without echo. */
    static char[] readPassword(boolean fromStdin, PrintWriter err) throws IOException {
        char[] password;
        if (fromStdin) {
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line = in.readLine();
            if (line == null) {
                throw new IllegalArgumentException("no password on standard input");
            }
            password = line.toCharArray();
        } else {
            Console console = System.console();
            if (console == null) {
                throw new IllegalArgumentException("no terminal to ask for the password: use --password-stdin");
            }
            password = console.readPassword("New password: ");
            char[] again = console.readPassword("Repeat it: ");
            if (password == null || !Arrays.equals(password, again)) {
                throw new IllegalArgumentException("the passwords differ");
            }
        }
        if (password.length < MIN_PASSWORD_LENGTH) {
            throw new IllegalArgumentException("the password must have at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        return password;
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
            MailkeepConfig config = common.load();
            String checked = checkAddress(config, address);
            char[] password = readPassword(passwordStdin, spec.commandLine().getErr());
            try (MailStore store = openStore(config)) {
                Account account = store.createAccount(checked, password);
                spec.commandLine().getOut().println("created " + account.address() + " (account " + account.id() + ")");
                return 0;
            } catch (AccountExistsException e) {
                spec.commandLine().getErr().println("mailkeep: " + e.getMessage());
                return 1;
            } finally {
                Arrays.fill(password, '\0');
            }
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
            MailkeepConfig config = common.load();
            String lower = address.toLowerCase(Locale.ROOT);
            char[] password = readPassword(passwordStdin, spec.commandLine().getErr());
            try (MailStore store = openStore(config)) {
                if (!store.setPassword(lower, password)) {
                    spec.commandLine().getErr().println("mailkeep: no such user: " + lower);
                    return 1;
                }
                spec.commandLine().getOut().println("password changed for " + lower);
                return 0;
            } finally {
                Arrays.fill(password, '\0');
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the accounts, one address a line.")
    static final class ListUsers implements Callable<Integer> {
        @Mixin CommonOptions common;
        @Spec CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            MailkeepConfig config = common.load();
            try (MailStore store = openStore(config)) {
                for (Account account : store.accounts()) {
                    spec.commandLine().getOut().println(account.address());
                }
                return 0;
            }
        }
    }
}
