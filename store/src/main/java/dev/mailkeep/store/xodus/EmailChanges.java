// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store.xodus;

import dev.mailkeep.store.DataType;
import dev.mailkeep.store.EmailId;
import dev.mailkeep.store.EmailSetResult;
import dev.mailkeep.store.EmailUpdate;
import dev.mailkeep.store.MailboxId;
import dev.mailkeep.store.SetFailure;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Email/set update and destroy inside one transaction (RFC 8621 section 4.6). Each change is
 * "remove the old row's contribution, add the new one" (see {@link Membership}), so counts stay
 * exact; each changed email, touched mailbox and thread is logged.
 */
final class EmailChanges {
    /** RFC 8621 section 4.1.1: printable ASCII except {@code ( ) { ] % * " \}, 1 to 255 long. */
    private static final Pattern KEYWORD = Pattern.compile("[\\x21-\\x7e&&[^(){\\]%*\"\\\\]]{1,255}");

    private EmailChanges() {}

    static boolean validKeyword(String keyword) {
        return KEYWORD.matcher(keyword).matches();
    }

    static EmailSetResult update(Tx tx, long account, Map<EmailId, EmailUpdate> updates) {
        List<EmailId> done = new ArrayList<>();
        Map<EmailId, SetFailure> failed = new LinkedHashMap<>();
        updates.forEach((id, update) -> {
            EmailRow row = Reads.email(tx.txn, tx.tables, account, Ids.decode(Ids.EMAIL, id.value()));
            if (row == null) {
                failed.put(id, new SetFailure(SetFailure.Type.NOT_FOUND, "no email " + id));
                return;
            }
            Set<String> keywords = keywords(row, update);
            String badKeyword = keywords.stream().filter(k -> !KEYWORD.matcher(k).matches()).findFirst().orElse(null);
            if (badKeyword != null) {
                failed.put(id, new SetFailure(SetFailure.Type.INVALID_PROPERTIES, "keywords: invalid keyword " + badKeyword));
                return;
            }
            SortedSet<Long> mailboxes = new TreeSet<>();
            String badMailbox = mailboxes(tx, account, row, update, mailboxes);
            if (badMailbox != null) {
                failed.put(id, new SetFailure(SetFailure.Type.INVALID_PROPERTIES, "mailboxIds: " + badMailbox));
                return;
            }
            if (!keywords.equals(row.keywords()) || !mailboxes.equals(row.mailboxes())) {
                EmailRow next = row.with(mailboxes, keywords);
                Membership.remove(tx, account, row);
                Membership.add(tx, account, next);
                tx.tables.emails.put(tx.txn, Key.of(account).u64(row.num()).build(), next.encode());
                tx.changed(account, DataType.EMAIL, id.value(), ChangeKind.UPDATED);
            }
            done.add(id);
        });
        return new EmailSetResult(done, failed);
    }

    static EmailSetResult destroy(Tx tx, long account, Collection<EmailId> ids) {
        List<EmailId> done = new ArrayList<>();
        Map<EmailId, SetFailure> failed = new LinkedHashMap<>();
        for (EmailId id : new LinkedHashSet<>(ids)) {
            EmailRow row = Reads.email(tx.txn, tx.tables, account, Ids.decode(Ids.EMAIL, id.value()));
            if (row == null) {
                failed.put(id, new SetFailure(SetFailure.Type.NOT_FOUND, "no email " + id));
                continue;
            }
            Membership.remove(tx, account, row);
            Threader.detach(tx, account, row);
            tx.tables.emails.delete(tx.txn, Key.of(account).u64(row.num()).build());
            Blobs.addRef(tx, account, row.blob(), -1);
            BlobEmails.remove(tx, account, row.blob(), row.num());
            tx.changed(account, DataType.EMAIL, id.value(), ChangeKind.DESTROYED);
            done.add(id);
        }
        return new EmailSetResult(done, failed);
    }

    private static Set<String> keywords(EmailRow row, EmailUpdate update) {
        Set<String> keywords = new TreeSet<>();
        if (update.keywords() != null) {
            update.keywords().forEach(k -> keywords.add(k.toLowerCase(Locale.ROOT)));
        } else {
            keywords.addAll(row.keywords());
        }
        update.keywordPatch().forEach((k, set) -> {
            if (set) {
                keywords.add(k.toLowerCase(Locale.ROOT));
            } else {
                keywords.remove(k.toLowerCase(Locale.ROOT));
            }
        });
        return keywords;
    }

    /** Fills {@code into} with the new mailbox numbers; returns a problem description or null. */
    private static String mailboxes(Tx tx, long account, EmailRow row, EmailUpdate update, SortedSet<Long> into) {
        if (update.mailboxIds() != null) {
            for (MailboxId id : update.mailboxIds()) {
                long num = Ids.decode(Ids.MAILBOX, id.value());
                if (tx.mailbox(account, num) == null) {
                    return "unknown mailbox " + id;
                }
                into.add(num);
            }
        } else {
            into.addAll(row.mailboxes());
        }
        for (Map.Entry<MailboxId, Boolean> patch : update.mailboxPatch().entrySet()) {
            long num = Ids.decode(Ids.MAILBOX, patch.getKey().value());
            if (patch.getValue()) {
                if (tx.mailbox(account, num) == null) {
                    return "unknown mailbox " + patch.getKey();
                }
                into.add(num);
            } else {
                into.remove(num);
            }
        }
        return into.isEmpty() ? "an email must be in at least one mailbox" : null;
    }
}
