// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store.xodus;

import dev.mailkeep.store.DataType;
import dev.mailkeep.store.Delivery;
import dev.mailkeep.store.EmailId;
import dev.mailkeep.store.MailboxRole;
import dev.mailkeep.store.blob.BlobStore;
import dev.mailkeep.store.mime.MessageParser;
import dev.mailkeep.store.mime.ParsedMessage;
import dev.mailkeep.store.model.EmailSummary;
import dev.mailkeep.store.StoreException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * Delivery in two phases: {@link #prepare} writes the blob durably and parses the message, outside
 * any transaction; {@link #commit} then files every prepared copy inside one transaction (email
 * row, thread, mailbox index and counts, blob reference, change log).
 */
final class Delivering {
    record Prepared(Delivery delivery, String blob, ParsedMessage parsed, long receivedAt) {
        EmailSummary summary() {
            return parsed.summary();
        }
    }

    private Delivering() {}

    /**
     * Prepares several deliveries at once on virtual threads: each blob's fsync waits on the disk,
     * and concurrent fsyncs let the file system commit them together.
     */
    static List<Prepared> prepareAll(List<Delivery> deliveries, BlobStore blobs, long now) {
        if (deliveries.size() < 2) {
            return deliveries.stream().map(d -> prepare(d, blobs, now)).toList();
        }
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Prepared>> futures = deliveries.stream()
                    .map(d -> pool.submit(() -> prepare(d, blobs, now))).toList();
            List<Prepared> prepared = new ArrayList<>();
            for (Future<Prepared> f : futures) {
                prepared.add(f.get());
            }
            return prepared;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while storing blobs", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new StoreException("cannot store blobs", e.getCause());
        }
    }

    static Prepared prepare(Delivery delivery, BlobStore blobs, long now) {
        String blob = blobs.put(delivery.message());
        return new Prepared(delivery, blob, MessageParser.parseFull(delivery.message()), now);
    }

    static List<EmailId> commit(Tx tx, List<Prepared> prepared) {
        List<EmailId> ids = new ArrayList<>();
        for (Prepared p : prepared) {
            long account = Ids.decode(Ids.ACCOUNT, p.delivery().account().value());
            if (Accounts.byNum(tx.txn, tx.tables, account) == null) {
                throw new IllegalArgumentException("no such account: " + p.delivery().account());
            }
            MailboxRow mailbox = Reads.mailboxByRole(tx.txn, tx.tables, account, p.delivery().target());
            if (mailbox == null) {
                // the user destroyed or renamed away the mailbox of that role: the inbox always exists
                mailbox = Reads.mailboxByRole(tx.txn, tx.tables, account, MailboxRole.INBOX);
            }
            if (mailbox == null) {
                throw new IllegalStateException("account " + p.delivery().account() + " has no "
                        + p.delivery().target().jmapName() + " mailbox");
            }
            Set<String> keywords = p.delivery().keywords().stream()
                    .map(k -> k.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
            ids.add(file(tx, account, p.blob(), p.parsed(), p.delivery().message().length, p.receivedAt(),
                    new TreeSet<>(Set.of(mailbox.num)), keywords));
        }
        // a later email of the batch may have merged threads and so renumbered an earlier one
        List<EmailId> current = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            long account = Ids.decode(Ids.ACCOUNT, prepared.get(i).delivery().account().value());
            long num = tx.currentNumber(account, Ids.decode(Ids.EMAIL, ids.get(i).value()));
            current.add(new EmailId(Ids.encode(Ids.EMAIL, num)));
        }
        return current;
    }

    /** Creates one email record with its thread, mailbox rows, counts, blob reference and log entry. */
    static EmailId file(Tx tx, long account, String blob, ParsedMessage parsed, long size, long receivedAt,
            SortedSet<Long> mailboxes, Set<String> keywords) {
        long num = tx.counters.next(tx.txn, account, Counters.EMAIL_SEQ);
        long thread = Threader.assign(tx, account, parsed.summary());
        EmailRow row = new EmailRow(num, blob, thread, mailboxes, keywords, size, receivedAt, parsed.summary());
        tx.tables.emails.put(tx.txn, Key.of(account).u64(num).build(), row.encode());
        Threader.attach(tx, account, row);
        Membership.add(tx, account, row);
        Blobs.addRef(tx, account, blob, 1);
        BlobEmails.add(tx, account, blob, num);
        String id = Ids.encode(Ids.EMAIL, num);
        tx.changed(account, DataType.EMAIL, id, ChangeKind.CREATED);
        return new EmailId(id);
    }
}
