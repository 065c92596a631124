// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store.xodus;

import dev.mailkeep.store.MailboxId;
import dev.mailkeep.store.MailboxRole;
import dev.mailkeep.store.model.Mailbox;
import jetbrains.exodus.ByteIterable;

/** The stored mailbox, mutable inside one transaction while its counts move. */
final class MailboxRow {
    final long num;
    String name;
    long parent;
    MailboxRole role;
    int sortOrder;
    boolean subscribed;
    long totalEmails;
    long unreadEmails;
    long totalThreads;
    long unreadThreads;

    MailboxRow(long num, String name, long parent, MailboxRole role, int sortOrder, boolean subscribed) {
        this.num = num;
        this.name = name;
        this.parent = parent;
        this.role = role;
        this.sortOrder = sortOrder;
        this.subscribed = subscribed;
    }

    ByteIterable encode() {
        return new Wire.Out().str(name).i64(parent).u8(role == null ? 255 : role.ordinal()).i32(sortOrder)
                .bool(subscribed).i64(totalEmails).i64(unreadEmails).i64(totalThreads).i64(unreadThreads).build();
    }

    static MailboxRow decode(long num, ByteIterable value) {
        Wire.In in = new Wire.In(value);
        String name = in.str();
        long parent = in.i64();
        int role = in.u8();
        MailboxRow row = new MailboxRow(num, name, parent, role == 255 ? null : MailboxRole.values()[role],
                in.i32(), in.bool());
        row.totalEmails = in.i64();
        row.unreadEmails = in.i64();
        row.totalThreads = in.i64();
        row.unreadThreads = in.i64();
        return row;
    }

    Mailbox toMailbox() {
        return new Mailbox(new MailboxId(Ids.encode(Ids.MAILBOX, num)), name,
                parent == 0 ? null : new MailboxId(Ids.encode(Ids.MAILBOX, parent)), role, sortOrder, subscribed,
                totalEmails, unreadEmails, totalThreads, unreadThreads);
    }
}
