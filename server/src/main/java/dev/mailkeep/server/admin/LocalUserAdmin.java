// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.server.admin;

import dev.mailkeep.server.config.MailkeepConfig;
import dev.mailkeep.store.AccountExistsException;
import dev.mailkeep.store.MailStore;
import dev.mailkeep.store.model.Account;
import dev.mailkeep.store.model.Credential;
import dev.mailkeep.store.model.IssuedCredential;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Account administration on a store held by this process; the rules every path goes through. */
public final class LocalUserAdmin implements UserAdmin {
    public static final int MIN_PASSWORD_LENGTH = 8;
    private static final Pattern ADDRESS = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,253}");

    private final MailkeepConfig config;
    private final MailStore store;
    private final boolean ownsStore;

    /** @param ownsStore true when {@link #close()} is to close the store too */
    public LocalUserAdmin(MailkeepConfig config, MailStore store, boolean ownsStore) {
        this.config = config;
        this.store = store;
        this.ownsStore = ownsStore;
    }

    @Override
    public List<String> add(String address, char[] password) throws AdminException {
        String checked = checkAddress(address);
        checkPassword(password);
        try {
            Account account = store.createAccount(checked, password);
            return List.of("created " + account.address() + " (account " + account.id() + ")");
        } catch (AccountExistsException e) {
            throw new AdminException(e.getMessage(), e);
        }
    }

    @Override
    public List<String> passwd(String address, char[] password) throws AdminException {
        String lower = address.toLowerCase(Locale.ROOT);
        checkPassword(password);
        if (!store.setPassword(lower, password)) {
            throw new AdminException("no such user: " + lower);
        }
        return List.of("password changed for " + lower);
    }

    @Override
    public List<String> list() {
        return store.accounts().stream().map(Account::address).toList();
    }

    @Override
    public List<String> addCredential(Credential.Kind kind, String address, String label) throws AdminException {
        Account account = existing(address);
        try {
            IssuedCredential issued = store.issueCredential(account.id(), kind, label);
            return List.of("created " + describe(issued.credential()) + " for " + account.address()
                    + "; it is shown only this once:", issued.secret());
        } catch (IllegalArgumentException e) {
            throw new AdminException(account.address() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<String> listCredentials(Credential.Kind kind, String address) throws AdminException {
        return store.credentials(existing(address).id(), kind).stream()
                .map(c -> c.id() + "\t" + c.label() + "\t" + c.created().truncatedTo(ChronoUnit.SECONDS))
                .toList();
    }

    @Override
    public List<String> revokeCredential(Credential.Kind kind, String address, String labelOrId) throws AdminException {
        Account account = existing(address);
        Credential revoked = store.revokeCredential(account.id(), kind, labelOrId).orElseThrow(() -> new AdminException(
                account.address() + " has no " + kindName(kind) + " with the id or label \"" + labelOrId + "\""));
        return List.of("revoked " + describe(revoked) + " of " + account.address());
    }

    /** "app password" or "token", as the command line names them. */
    public static String kindName(Credential.Kind kind) {
        return kind == Credential.Kind.APP_PASSWORD ? "app password" : "token";
    }

    private static String describe(Credential credential) {
        return kindName(credential.kind()) + " \"" + credential.label() + "\" (id " + credential.id() + ")";
    }

    private Account existing(String address) throws AdminException {
        String lower = address.toLowerCase(Locale.ROOT);
        return store.findAccount(lower).orElseThrow(() -> new AdminException("no such user: " + lower));
    }

    private String checkAddress(String address) throws AdminException {
        String lower = address.toLowerCase(Locale.ROOT);
        if (!ADDRESS.matcher(lower).matches()) {
            throw new AdminException("\"" + address + "\" is not an email address (user@domain)");
        }
        if (!config.servesAddress(lower)) {
            throw new AdminException("\"" + address + "\" is not in a served domain " + config.domains()
                    + "; add its domain to `domains` in the configuration first");
        }
        return lower;
    }

    private static void checkPassword(char[] password) throws AdminException {
        if (password.length < MIN_PASSWORD_LENGTH) {
            throw new AdminException("the password must have at least " + MIN_PASSWORD_LENGTH + " characters");
        }
    }

    @Override
    public void close() {
        if (ownsStore) {
            store.close();
        }
    }
}
