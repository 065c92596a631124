// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store.xodus;

import dev.mailkeep.store.AccountId;
import dev.mailkeep.store.BlobId;
import dev.mailkeep.store.DataType;
import dev.mailkeep.store.EmailId;
import dev.mailkeep.store.SubmissionId;
import dev.mailkeep.store.model.Submission;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jetbrains.exodus.ByteIterable;
import jetbrains.exodus.env.Cursor;
import jetbrains.exodus.env.Transaction;

/**
 * The outbound queue as EmailSubmission records (RFC 8621 section 7): {@code submissions}
 * ({@code account | submission}) holds each record; {@code dueIndex}
 * ({@code nextAttempt | account | submission}) orders those with queued recipients by when they
 * are due, so the sender's poll is a range scan. A submission holds a reference on its blob.
 */
final class Submissions {
    private Submissions() {}

    static Submission create(Tx tx, long account, EmailRow email, String identityId, String mailFrom,
            List<String> rcptTo, Instant sendAt) {
        long num = tx.counters.next(tx.txn, account, Counters.SUBMISSION_SEQ);
        List<Submission.Recipient> recipients = rcptTo.stream().distinct()
                .map(a -> new Submission.Recipient(a, Submission.Delivery.QUEUED, "")).toList();
        Submission s = new Submission(id(num), accountId(account), new EmailId(Ids.encode(Ids.EMAIL, email.num())),
                identityId, mailFrom, recipients, new BlobId(email.blob()), sendAt, recipients.isEmpty() ? null : sendAt, 0);
        put(tx, account, num, null, s);
        Blobs.addRef(tx, account, email.blob(), 1);
        tx.changed(account, DataType.EMAIL_SUBMISSION, s.id().value(), ChangeKind.CREATED);
        return s;
    }

    static Submission recordAttempt(Tx tx, long account, long num, List<Submission.Recipient> results, Instant next) {
        Submission old = get(tx.txn, tx.tables, account, num);
        if (old == null) {
            return null;
        }
        Map<String, Submission.Recipient> byAddress = new LinkedHashMap<>();
        old.recipients().forEach(r -> byAddress.put(r.address(), r));
        results.forEach(r -> byAddress.computeIfPresent(r.address(), (a, before) -> r));
        List<Submission.Recipient> recipients = List.copyOf(byAddress.values());
        boolean pending = recipients.stream().anyMatch(r -> r.delivery() == Submission.Delivery.QUEUED);
        Submission s = new Submission(old.id(), old.account(), old.emailId(), old.identityId(), old.mailFrom(),
                recipients, old.blobId(), old.sendAt(), pending ? next : null, old.attempts() + 1);
        put(tx, account, num, old, s);
        tx.changed(account, DataType.EMAIL_SUBMISSION, s.id().value(), ChangeKind.UPDATED);
        return s;
    }

    static Submission get(Transaction txn, Tables tables, long account, long num) {
        ByteIterable value = num <= 0 ? null : tables.submissions.get(txn, Key.of(account).u64(num).build());
        return value == null ? null : decode(account, num, value);
    }

    static Map<SubmissionId, Submission> byIds(Transaction txn, Tables tables, long account,
            java.util.Collection<SubmissionId> ids) {
        Map<SubmissionId, Submission> found = new LinkedHashMap<>();
        for (SubmissionId id : ids) {
            Submission s = get(txn, tables, account, Ids.decode(Ids.SUBMISSION, id.value()));
            if (s != null) {
                found.put(id, s);
            }
        }
        return found;
    }

    /** Queued submissions of every account due at {@code now}, soonest first. */
    static List<Submission> due(Transaction txn, Tables tables, Instant now, int limit) {
        List<Submission> due = new ArrayList<>();
        try (Cursor cursor = tables.dueIndex.openCursor(txn)) {
            boolean ok = cursor.getNext();
            while (ok && due.size() < limit) {
                byte[] key = Key.bytes(cursor.getKey());
                if (Key.s64(key, 0) > now.toEpochMilli()) {
                    break;
                }
                Submission s = get(txn, tables, Key.u64(key, 8), Key.u64(key, 16));
                if (s != null) {
                    due.add(s);
                }
                ok = cursor.getNext();
            }
        }
        return due;
    }

    static List<SubmissionId> ids(Transaction txn, Tables tables, long account) {
        List<SubmissionId> ids = new ArrayList<>();
        byte[] prefix = Key.bytes(Key.of(account).build());
        try (Cursor cursor = tables.submissions.openCursor(txn)) {
            boolean ok = cursor.getSearchKeyRange(Key.of(account).build()) != null;
            while (ok && Key.startsWith(Key.bytes(cursor.getKey()), prefix)) {
                ids.addFirst(id(Key.u64(Key.bytes(cursor.getKey()), 8)));
                ok = cursor.getNext();
            }
        }
        return ids;
    }

    /** Writes a submission over {@code old}, moving its entry in the due index. */
    static void put(Tx tx, long account, long num, Submission old, Submission s) {
        if (old != null && old.nextAttempt() != null) {
            tx.tables.dueIndex.delete(tx.txn, dueKey(old.nextAttempt(), account, num));
        }
        if (s.nextAttempt() != null) {
            tx.tables.dueIndex.put(tx.txn, dueKey(s.nextAttempt(), account, num), Wire.EMPTY);
        }
        tx.tables.submissions.put(tx.txn, Key.of(account).u64(num).build(), encode(s));
    }

    /** Deletes a submission's record, its due entry and its reference on the blob. */
    static void delete(Tx tx, long account, long num, Submission old) {
        if (old.nextAttempt() != null) {
            tx.tables.dueIndex.delete(tx.txn, dueKey(old.nextAttempt(), account, num));
        }
        tx.tables.submissions.delete(tx.txn, Key.of(account).u64(num).build());
        Blobs.addRef(tx, account, old.blobId().value(), -1);
    }

    private static ByteIterable dueKey(Instant at, long account, long num) {
        return new Key().s64(at.toEpochMilli()).u64(account).u64(num).build();
    }

    private static ByteIterable encode(Submission s) {
        Wire.Out out = new Wire.Out().str(s.emailId() == null ? null : s.emailId().value()).str(s.identityId())
                .str(s.mailFrom()).str(s.blobId().value()).i64(s.sendAt().toEpochMilli())
                .i64(s.nextAttempt() == null ? Long.MIN_VALUE : s.nextAttempt().toEpochMilli()).i32(s.attempts())
                .i32(s.recipients().size());
        s.recipients().forEach(r -> out.str(r.address()).u8(r.delivery().ordinal()).str(r.smtpReply()));
        return out.build();
    }

    private static Submission decode(long account, long num, ByteIterable value) {
        Wire.In in = new Wire.In(value);
        String email = in.str();
        String identity = in.str();
        String mailFrom = in.str();
        String blob = in.str();
        Instant sendAt = Instant.ofEpochMilli(in.i64());
        long next = in.i64();
        int attempts = in.i32();
        List<Submission.Recipient> recipients = new ArrayList<>();
        for (int i = in.i32(); i > 0; i--) {
            recipients.add(new Submission.Recipient(in.str(), Submission.Delivery.values()[in.u8()], in.str()));
        }
        return new Submission(id(num), accountId(account), email == null ? null : new EmailId(email), identity, mailFrom,
                recipients, new BlobId(blob), sendAt, next == Long.MIN_VALUE ? null : Instant.ofEpochMilli(next), attempts);
    }

    static SubmissionId id(long num) {
        return new SubmissionId(Ids.encode(Ids.SUBMISSION, num));
    }

    private static AccountId accountId(long account) {
        return new AccountId(Ids.encode(Ids.ACCOUNT, account));
    }
}
