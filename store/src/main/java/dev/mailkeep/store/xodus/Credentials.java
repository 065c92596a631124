// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store.xodus;

import dev.mailkeep.store.account.PasswordHasher;
import dev.mailkeep.store.model.Credential;
import dev.mailkeep.store.model.IssuedCredential;
import dev.mailkeep.store.model.Login;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import jetbrains.exodus.ByteIterable;
import jetbrains.exodus.env.Cursor;
import jetbrains.exodus.env.Store;
import jetbrains.exodus.env.StoreConfig;
import jetbrains.exodus.env.Transaction;

/**
 * App passwords and bearer tokens, in two tables of their own:
 * <pre>
 * credentials  account | kind | id   -> label, created, hash
 * tokenHashes  SHA-256 of the token  -> account | id
 * </pre>
 *
 * <p>An app password reads {@code id-xxxxxx-xxxxxx-xxxxxx-xxxxxx}: its own id, then 120 random
 * bits, and is stored as an Argon2id hash like the main password. Carrying the id lets a login
 * check at most one app password hash besides the main one, however many the account has.
 * A bearer token is {@code mkt_} and 256 random bits (base64url); being unguessable, it is stored
 * as its SHA-256, which is also the key it is found by (RFC 6750 section 5.3 on token strength).
 */
final class Credentials {
    static final int MAX_PER_KIND = 100;
    static final int MAX_LABEL = 64;
    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";
    private static final int ID_CHARS = 6;
    private static final int APP_GROUPS = 4;
    private static final String TOKEN_PREFIX = "mkt_";

    private record Row(Credential credential, String hash) {}

    private final Db db;
    private final PasswordHasher hasher;
    private final SecureRandom random = new SecureRandom();
    private final Store credentials;
    private final Store tokenHashes;

    Credentials(Db db, PasswordHasher hasher) {
        this.db = db;
        this.hasher = hasher;
        this.credentials = db.env.computeInTransaction(
                txn -> db.env.openStore("credentials", StoreConfig.WITHOUT_DUPLICATES_WITH_PREFIXING, txn));
        this.tokenHashes = db.env.computeInTransaction(
                txn -> db.env.openStore("tokenHashes", StoreConfig.WITHOUT_DUPLICATES_WITH_PREFIXING, txn));
    }

    /**
     * Creates a credential with a fresh secret.
     *
     * @throws IllegalArgumentException for a bad or taken label, or too many credentials of the kind
     * @throws java.util.NoSuchElementException when the account does not exist
     */
    IssuedCredential issue(long account, Credential.Kind kind, String label) {
        String cleanLabel = checkLabel(label);
        String id = randomChars(ID_CHARS);
        String secret = kind == Credential.Kind.APP_PASSWORD ? appPassword(id) : token();
        String hash = kind == Credential.Kind.APP_PASSWORD ? hasher.hash(secret.toCharArray()) : sha256Hex(secret);
        return db.write(tx -> {
            if (Accounts.byNum(tx.txn, db.tables, account) == null) {
                throw new java.util.NoSuchElementException("no such account");
            }
            List<Row> existing = rows(tx.txn, account, kind);
            if (existing.size() >= MAX_PER_KIND) {
                throw new IllegalArgumentException("at most " + MAX_PER_KIND + " of these per account; revoke one first");
            }
            for (Row row : existing) {
                if (row.credential().label().equals(cleanLabel)) {
                    throw new IllegalArgumentException("the label \"" + cleanLabel + "\" is already taken");
                }
                if (row.credential().id().equals(id)) {
                    throw new IllegalStateException("random id collision; try again");
                }
            }
            Credential credential = new Credential(id, kind, cleanLabel, Instant.ofEpochMilli(tx.now));
            credentials.put(tx.txn, key(account, kind, id),
                    new Wire.Out().str(cleanLabel).i64(tx.now).str(hash).build());
            if (kind == Credential.Kind.TOKEN) {
                tokenHashes.put(tx.txn, new Key().bytes(sha256(secret)).build(), Key.of(account).utf8(id).build());
            }
            return new IssuedCredential(credential, secret);
        });
    }

    /** The account's credentials of one kind, oldest first. */
    List<Credential> list(long account, Credential.Kind kind) {
        return db.read(txn -> rows(txn, account, kind)).stream()
                .map(Row::credential)
                .sorted(java.util.Comparator.comparing(Credential::created).thenComparing(Credential::id))
                .toList();
    }

    /** Removes the credential with this id or label; empty when there is none. */
    Optional<Credential> revoke(long account, Credential.Kind kind, String labelOrId) {
        return db.write(tx -> {
            for (Row row : rows(tx.txn, account, kind)) {
                Credential c = row.credential();
                if (c.id().equals(labelOrId) || c.label().equals(labelOrId)) {
                    credentials.delete(tx.txn, key(account, kind, c.id()));
                    if (kind == Credential.Kind.TOKEN) {
                        tokenHashes.delete(tx.txn, new Key().bytes(java.util.HexFormat.of().parseHex(row.hash())).build());
                    }
                    return Optional.of(c);
                }
            }
            return Optional.<Credential>empty();
        });
    }

    /**
     * Checks a password against the account's app password it names (if it has that form) and then
     * against the main password: at most two Argon2id checks, and one dummy check for unknown users.
     */
    Optional<Login> login(String address, char[] password) {
        AccountRow account = db.read(txn -> Accounts.byAddress(txn, db.tables, address));
        String id = appPasswordId(password);
        if (account != null && id != null) {
            Row row = db.read(txn -> row(txn, account.num(), Credential.Kind.APP_PASSWORD, id));
            if (row != null && hasher.verify(password, row.hash())) {
                return Optional.of(new Login(account.toAccount(), row.credential()));
            }
        }
        boolean match = hasher.verify(password, account == null ? null : account.passwordHash());
        return match && account != null ? Optional.of(new Login(account.toAccount(), null)) : Optional.empty();
    }

    /** The account a bearer token belongs to, while the token is not revoked. */
    Optional<AccountRow> bearer(String token) {
        if (token == null || !token.startsWith(TOKEN_PREFIX) || token.length() > 128) {
            return Optional.empty();
        }
        byte[] hash = sha256(token);
        return Optional.ofNullable(db.read(txn -> {
            ByteIterable owner = tokenHashes.get(txn, new Key().bytes(hash).build());
            if (owner == null) {
                return null;
            }
            return Accounts.byNum(txn, db.tables, java.nio.ByteBuffer.wrap(Key.bytes(owner)).getLong());
        }));
    }

    private List<Row> rows(Transaction txn, long account, Credential.Kind kind) {
        List<Row> out = new ArrayList<>();
        byte[] prefix = Key.bytes(Key.of(account).u8(kind.ordinal()).build());
        try (Cursor cursor = credentials.openCursor(txn)) {
            if (cursor.getSearchKeyRange(new jetbrains.exodus.ArrayByteIterable(prefix)) == null) {
                return out;
            }
            do {
                byte[] key = Key.bytes(cursor.getKey());
                if (!startsWith(key, prefix)) {
                    break;
                }
                String id = new String(key, prefix.length, key.length - prefix.length, StandardCharsets.UTF_8);
                out.add(decode(id, kind, cursor.getValue()));
            } while (cursor.getNext());
        }
        return out;
    }

    private Row row(Transaction txn, long account, Credential.Kind kind, String id) {
        ByteIterable value = credentials.get(txn, key(account, kind, id));
        return value == null ? null : decode(id, kind, value);
    }

    private static Row decode(String id, Credential.Kind kind, ByteIterable value) {
        Wire.In in = new Wire.In(value);
        String label = in.str();
        long created = in.i64();
        return new Row(new Credential(id, kind, label, Instant.ofEpochMilli(created)), in.str());
    }

    private static ByteIterable key(long account, Credential.Kind kind, String id) {
        return Key.of(account).u8(kind.ordinal()).utf8(id).build();
    }

    private static String checkLabel(String label) {
        String clean = label == null ? "" : label.strip();
        if (clean.isEmpty() || clean.length() > MAX_LABEL || clean.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("a label is 1 to " + MAX_LABEL + " printable characters");
        }
        return clean;
    }

    /** The id an app password names, or null when the password does not have the form of one. */
    static String appPasswordId(char[] password) {
        int length = ID_CHARS + APP_GROUPS * (1 + ID_CHARS);
        if (password.length != length) {
            return null;
        }
        for (int i = 0; i < length; i++) {
            boolean dash = i % (ID_CHARS + 1) == ID_CHARS;
            if (dash ? password[i] != '-' : ALPHABET.indexOf(password[i]) < 0) {
                return null;
            }
        }
        return new String(password, 0, ID_CHARS);
    }

    private String appPassword(String id) {
        StringBuilder out = new StringBuilder(id);
        for (int i = 0; i < APP_GROUPS; i++) {
            out.append('-').append(randomChars(ID_CHARS));
        }
        return out.toString();
    }

    private String token() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private String randomChars(int n) {
        char[] out = new char[n];
        for (int i = 0; i < n; i++) {
            out[i] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
        }
        return new String(out);
    }

    private static boolean startsWith(byte[] key, byte[] prefix) {
        return key.length >= prefix.length && java.util.Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    private static String sha256Hex(String secret) {
        return java.util.HexFormat.of().formatHex(sha256(secret));
    }
}
