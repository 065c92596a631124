// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store.xodus;

import dev.mailkeep.store.BlobId;
import dev.mailkeep.store.EmailId;
import dev.mailkeep.store.MailboxId;
import dev.mailkeep.store.ThreadId;
import dev.mailkeep.store.model.EmailAddress;
import dev.mailkeep.store.model.EmailRecord;
import dev.mailkeep.store.model.EmailSummary;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import jetbrains.exodus.ByteIterable;

/**
 * The stored email: metadata that changes (thread, mailboxes, keywords) and the summary parsed
 * once on arrival (RFC 8621 section 4.1).
 */
record EmailRow(long num, String blob, long thread, SortedSet<Long> mailboxes, Set<String> keywords, long size,
        long receivedAtMillis, EmailSummary summary) {

    static final String SEEN = "$seen";

    EmailRow {
        mailboxes = new TreeSet<>(mailboxes);
        keywords = Set.copyOf(keywords);
    }

    boolean unread() {
        return !keywords.contains(SEEN);
    }

    EmailRow withThread(long newThread) {
        return new EmailRow(num, blob, newThread, mailboxes, keywords, size, receivedAtMillis, summary);
    }

    EmailRow with(SortedSet<Long> newMailboxes, Set<String> newKeywords) {
        return new EmailRow(num, blob, thread, newMailboxes, newKeywords, size, receivedAtMillis, summary);
    }

    EmailRecord toRecord() {
        Set<MailboxId> ids = new LinkedHashSet<>();
        mailboxes.forEach(m -> ids.add(new MailboxId(Ids.encode(Ids.MAILBOX, m))));
        return new EmailRecord(new EmailId(Ids.encode(Ids.EMAIL, num)), new BlobId(blob),
                new ThreadId(Ids.encode(Ids.THREAD, thread)), ids, keywords, size,
                Instant.ofEpochMilli(receivedAtMillis), summary);
    }

    ByteIterable encode() {
        Wire.Out out = new Wire.Out().str(blob).i64(thread).i32(mailboxes.size());
        mailboxes.forEach(out::i64);
        out.i32(keywords.size());
        keywords.stream().sorted().forEach(out::str);
        out.i64(size).i64(receivedAtMillis);
        EmailSummary s = summary;
        strings(out, s.messageId());
        strings(out, s.inReplyTo());
        strings(out, s.references());
        for (List<EmailAddress> list : List.of(s.sender(), s.from(), s.to(), s.cc(), s.bcc(), s.replyTo())) {
            out.i32(list.size());
            list.forEach(a -> out.str(a.name()).str(a.email()));
        }
        out.str(s.subject());
        out.bool(s.sentAt() != null);
        if (s.sentAt() != null) {
            out.i64(s.sentAt().toEpochSecond()).i32(s.sentAt().getOffset().getTotalSeconds());
        }
        return out.str(s.preview()).bool(s.hasAttachment()).build();
    }

    static EmailRow decode(long num, ByteIterable value) {
        Wire.In in = new Wire.In(value);
        String blob = in.str();
        long thread = in.i64();
        SortedSet<Long> mailboxes = new TreeSet<>();
        for (int i = in.i32(); i > 0; i--) {
            mailboxes.add(in.i64());
        }
        Set<String> keywords = new LinkedHashSet<>();
        for (int i = in.i32(); i > 0; i--) {
            keywords.add(in.str());
        }
        long size = in.i64();
        long receivedAt = in.i64();
        List<String> messageId = strings(in);
        List<String> inReplyTo = strings(in);
        List<String> references = strings(in);
        List<List<EmailAddress>> addresses = new ArrayList<>();
        for (int k = 0; k < 6; k++) {
            List<EmailAddress> list = new ArrayList<>();
            for (int i = in.i32(); i > 0; i--) {
                list.add(new EmailAddress(in.str(), in.str()));
            }
            addresses.add(list);
        }
        String subject = in.str();
        OffsetDateTime sentAt = null;
        if (in.bool()) {
            long seconds = in.i64();
            ZoneOffset offset = ZoneOffset.ofTotalSeconds(in.i32());
            sentAt = OffsetDateTime.ofInstant(Instant.ofEpochSecond(seconds), offset);
        }
        String preview = in.str();
        boolean hasAttachment = in.bool();
        EmailSummary summary = new EmailSummary(messageId, inReplyTo, references, addresses.get(0), addresses.get(1),
                addresses.get(2), addresses.get(3), addresses.get(4), addresses.get(5), subject, sentAt, preview,
                hasAttachment);
        return new EmailRow(num, blob, thread, mailboxes, keywords, size, receivedAt, summary);
    }

    private static void strings(Wire.Out out, List<String> values) {
        out.i32(values.size());
        values.forEach(out::str);
    }

    private static List<String> strings(Wire.In in) {
        List<String> values = new ArrayList<>();
        for (int i = in.i32(); i > 0; i--) {
            values.add(in.str());
        }
        return values;
    }
}
