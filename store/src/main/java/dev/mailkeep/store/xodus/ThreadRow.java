// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store.xodus;

import java.util.ArrayList;
import java.util.List;
import jetbrains.exodus.ByteIterable;

/**
 * A stored thread (RFC 8621 section 3): its base subject and its emails ordered by receivedAt
 * then email number, each as (receivedAt, number).
 */
record ThreadRow(long num, String baseSubject, List<long[]> emails) {
    ThreadRow {
        emails = List.copyOf(emails);
    }

    ThreadRow plus(long receivedAt, long email) {
        List<long[]> next = new ArrayList<>(emails);
        next.add(new long[] {receivedAt, email});
        next.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        return new ThreadRow(num, baseSubject, next);
    }

    ThreadRow minus(long email) {
        List<long[]> next = new ArrayList<>(emails);
        next.removeIf(e -> e[1] == email);
        return new ThreadRow(num, baseSubject, next);
    }

    ByteIterable encode() {
        Wire.Out out = new Wire.Out().str(baseSubject).i32(emails.size());
        emails.forEach(e -> out.i64(e[0]).i64(e[1]));
        return out.build();
    }

    static ThreadRow decode(long num, ByteIterable value) {
        Wire.In in = new Wire.In(value);
        String subject = in.str();
        List<long[]> emails = new ArrayList<>();
        for (int i = in.i32(); i > 0; i--) {
            emails.add(new long[] {in.i64(), in.i64()});
        }
        return new ThreadRow(num, subject, emails);
    }
}
