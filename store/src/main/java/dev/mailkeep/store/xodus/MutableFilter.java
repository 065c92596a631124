// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store.xodus;

import dev.mailkeep.store.EmailFilter;
import dev.mailkeep.store.MailboxId;
import dev.mailkeep.store.index.MutableMatcher;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongPredicate;
import java.util.function.Predicate;
import jetbrains.exodus.ByteIterable;
import jetbrains.exodus.env.Transaction;

/**
 * The mailbox and keyword conditions of RFC 8621 section 4.4.1, tested against the email rows of
 * one read snapshot (rows and threads are cached for the duration of one search).
 */
final class MutableFilter implements MutableMatcher {
    private final Transaction txn;
    private final Tables tables;
    private final long account;
    private final Map<Long, EmailRow> emails = new HashMap<>();
    private final Map<Long, List<EmailRow>> threads = new HashMap<>();

    MutableFilter(Transaction txn, Tables tables, long account) {
        this.txn = txn;
        this.tables = tables;
        this.account = account;
    }

    @Override
    public LongPredicate mutablePart(EmailFilter.Condition c) {
        Predicate<EmailRow> test = row -> true;
        boolean any = false;
        if (c.inMailbox() != null) {
            long m = Ids.decode(Ids.MAILBOX, c.inMailbox().value());
            test = test.and(row -> row.mailboxes().contains(m));
            any = true;
        }
        if (c.inMailboxOtherThan() != null) {
            List<Long> excluded = c.inMailboxOtherThan().stream().map(MailboxId::value)
                    .map(v -> Ids.decode(Ids.MAILBOX, v)).toList();
            test = test.and(row -> row.mailboxes().stream().anyMatch(m -> !excluded.contains(m)));
            any = true;
        }
        if (c.hasKeyword() != null) {
            String k = c.hasKeyword().toLowerCase(Locale.ROOT);
            test = test.and(row -> row.keywords().contains(k));
            any = true;
        }
        if (c.notKeyword() != null) {
            String k = c.notKeyword().toLowerCase(Locale.ROOT);
            test = test.and(row -> !row.keywords().contains(k));
            any = true;
        }
        if (c.allInThreadHaveKeyword() != null) {
            String k = c.allInThreadHaveKeyword().toLowerCase(Locale.ROOT);
            test = test.and(row -> thread(row).stream().allMatch(e -> e.keywords().contains(k)));
            any = true;
        }
        if (c.someInThreadHaveKeyword() != null) {
            String k = c.someInThreadHaveKeyword().toLowerCase(Locale.ROOT);
            test = test.and(row -> thread(row).stream().anyMatch(e -> e.keywords().contains(k)));
            any = true;
        }
        if (c.noneInThreadHaveKeyword() != null) {
            String k = c.noneInThreadHaveKeyword().toLowerCase(Locale.ROOT);
            test = test.and(row -> thread(row).stream().noneMatch(e -> e.keywords().contains(k)));
            any = true;
        }
        if (!any) {
            return null;
        }
        Predicate<EmailRow> finalTest = test;
        return num -> {
            EmailRow row = email(num);
            return row != null && finalTest.test(row);
        };
    }

    private EmailRow email(long num) {
        return emails.computeIfAbsent(num, n -> Reads.email(txn, tables, account, n));
    }

    private List<EmailRow> thread(EmailRow row) {
        return threads.computeIfAbsent(row.thread(), t -> {
            ByteIterable value = tables.threads.get(txn, Key.of(account).u64(t).build());
            if (value == null) {
                return List.of(row);
            }
            return ThreadRow.decode(t, value).emails().stream().map(e -> email(e[1]))
                    .filter(java.util.Objects::nonNull).toList();
        });
    }
}
