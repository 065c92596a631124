// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store.xodus;

import dev.mailkeep.store.AccountExistsException;
import dev.mailkeep.store.MailboxRole;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import jetbrains.exodus.ByteIterable;
import jetbrains.exodus.bindings.LongBinding;
import jetbrains.exodus.env.Cursor;
import jetbrains.exodus.env.Transaction;

/** Account rows, the address index, and the mailboxes every new account gets (RFC 8621 section 2). */
final class Accounts {
    /** local-part@domain without spaces or control characters (RFC 5321 section 4.1.2, RFC 6531 UTF-8 allowed). */
    private static final java.util.regex.Pattern ADDRESS =
            java.util.regex.Pattern.compile("[^@\\s\\p{Cntrl}]+@[^@\\s\\p{Cntrl}.][^@\\s\\p{Cntrl}]*");

    private Accounts() {}

    static String normalize(String address) {
        return address.strip().toLowerCase(Locale.ROOT);
    }

    static AccountRow create(Tx tx, String address, String passwordHash, long now) throws AccountExistsException {
        String normalized = normalize(address);
        if (!ADDRESS.matcher(normalized).matches()) {
            throw new IllegalArgumentException("not a mail address: " + address);
        }
        if (byAddress(tx.txn, tx.tables, normalized) != null) {
            throw new AccountExistsException(normalized);
        }
        long num = tx.counters.next(tx.txn, Counters.GLOBAL, Counters.ACCOUNT_SEQ);
        AccountRow row = new AccountRow(num, normalized, now, passwordHash);
        tx.tables.accounts.put(tx.txn, LongBinding.longToEntry(num), row.encode());
        tx.tables.accountByAddress.put(tx.txn, addressKey(normalized), LongBinding.longToEntry(num));
        for (MailboxRole role : MailboxRole.values()) {
            long mailbox = tx.counters.next(tx.txn, num, Counters.MAILBOX_SEQ);
            tx.newMailbox(num, new MailboxRow(mailbox, role.defaultName(), 0, role, sortOrder(role), true));
        }
        Identities.createDefault(tx, row);
        return row;
    }

    /** Inbox first, then the usual client order: drafts, sent, archive, junk, trash. */
    static int sortOrder(MailboxRole role) {
        return switch (role) {
            case INBOX -> 10;
            case DRAFTS -> 20;
            case SENT -> 30;
            case ARCHIVE -> 40;
            case JUNK -> 50;
            case TRASH -> 60;
        };
    }

    static void put(Tx tx, AccountRow row) {
        tx.tables.accounts.put(tx.txn, LongBinding.longToEntry(row.num()), row.encode());
    }

    static AccountRow byAddress(Transaction txn, Tables tables, String address) {
        ByteIterable num = tables.accountByAddress.get(txn, addressKey(normalize(address)));
        return num == null ? null : byNum(txn, tables, LongBinding.entryToLong(num));
    }

    static AccountRow byNum(Transaction txn, Tables tables, long num) {
        if (num <= 0) {
            return null;
        }
        ByteIterable value = tables.accounts.get(txn, LongBinding.longToEntry(num));
        return value == null ? null : AccountRow.decode(num, value);
    }

    /** All accounts in address order (the address index is sorted by its UTF-8 bytes). */
    static List<AccountRow> all(Transaction txn, Tables tables) {
        List<AccountRow> rows = new ArrayList<>();
        try (Cursor cursor = tables.accountByAddress.openCursor(txn)) {
            while (cursor.getNext()) {
                rows.add(byNum(txn, tables, LongBinding.entryToLong(cursor.getValue())));
            }
        }
        return rows;
    }

    private static ByteIterable addressKey(String normalized) {
        return new Key().bytes(normalized.getBytes(StandardCharsets.UTF_8)).build();
    }
}
