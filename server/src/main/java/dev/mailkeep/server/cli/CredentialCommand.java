// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.server.cli;

import dev.mailkeep.store.model.Credential;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mailkeep user app-password add|list|revoke} and {@code mailkeep user token add|list|revoke}:
 * secondary credentials a client can hold instead of the account's password. Like the other user
 * commands they work on the data folder, or through the running server's admin socket.
 */
final class CredentialCommand {
    private CredentialCommand() {}

    @Command(name = "app-password", mixinStandardHelpOptions = true,
            description = "Manage app passwords: several per user, each accepted by JMAP and SMTP submission like the"
                    + " password, each revocable.",
            subcommands = {AppPassword.Add.class, AppPassword.ListAll.class, AppPassword.Revoke.class})
    static final class AppPassword {
        private static final Credential.Kind KIND = Credential.Kind.APP_PASSWORD;

        @Command(name = "add", mixinStandardHelpOptions = true,
                description = "Create an app password and print it (only this once).")
        static final class Add extends Adding {
            Add() {
                super(KIND);
            }
        }

        @Command(name = "list", mixinStandardHelpOptions = true,
                description = "List a user's app passwords: id, label and creation time, tab-separated.")
        static final class ListAll extends Listing {
            ListAll() {
                super(KIND);
            }
        }

        @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke an app password at once.")
        static final class Revoke extends Revoking {
            Revoke() {
                super(KIND);
            }
        }
    }

    @Command(name = "token", mixinStandardHelpOptions = true,
            description = "Manage bearer tokens for JMAP (Authorization: Bearer): opaque, 256 random bits, revocable.",
            subcommands = {Token.Add.class, Token.ListAll.class, Token.Revoke.class})
    static final class Token {
        private static final Credential.Kind KIND = Credential.Kind.TOKEN;

        @Command(name = "add", mixinStandardHelpOptions = true, description = "Create a token and print it (only this once).")
        static final class Add extends Adding {
            Add() {
                super(KIND);
            }
        }

        @Command(name = "list", mixinStandardHelpOptions = true,
                description = "List a user's tokens: id, label and creation time, tab-separated.")
        static final class ListAll extends Listing {
            ListAll() {
                super(KIND);
            }
        }

        @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a token at once.")
        static final class Revoke extends Revoking {
            Revoke() {
                super(KIND);
            }
        }
    }

    abstract static class Base implements Callable<Integer> {
        final Credential.Kind kind;
        @Mixin CommonOptions common;
        @Spec CommandSpec spec;
        @Parameters(index = "0", paramLabel = "USER", description = "the account's address") String address;

        Base(Credential.Kind kind) {
            this.kind = kind;
        }
    }

    abstract static class Adding extends Base {
        @Parameters(index = "1", paramLabel = "LABEL", description = "a name for it, unique for the user, e.g. phone")
        String label;

        Adding(Credential.Kind kind) {
            super(kind);
        }

        @Override
        public Integer call() throws Exception {
            return UserCommand.run(spec, common, admin -> admin.addCredential(kind, address, label));
        }
    }

    abstract static class Listing extends Base {
        Listing(Credential.Kind kind) {
            super(kind);
        }

        @Override
        public Integer call() throws Exception {
            return UserCommand.run(spec, common, admin -> admin.listCredentials(kind, address));
        }
    }

    abstract static class Revoking extends Base {
        @Parameters(index = "1", paramLabel = "LABEL-OR-ID", description = "its label or its id (see list)")
        String labelOrId;

        Revoking(Credential.Kind kind) {
            super(kind);
        }

        @Override
        public Integer call() throws Exception {
            return UserCommand.run(spec, common, admin -> admin.revokeCredential(kind, address, labelOrId));
        }
    }
}
