// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store.xodus;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import jetbrains.exodus.ArrayByteIterable;
import jetbrains.exodus.ByteIterable;

/**
 * Builds and reads big-endian keys, so that the byte order Xodus sorts by is the numeric order
 * of the parts: {@code account | mailbox | receivedAt | email} scans a mailbox by date.
 */
final class Key {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(32);

    static Key of(long account) {
        return new Key().u64(account);
    }

    Key u64(long value) {
        for (int shift = 56; shift >= 0; shift -= 8) {
            out.write((int) (value >>> shift));
        }
        return this;
    }

    /** A signed value ordered correctly as unsigned bytes (sign bit flipped). */
    Key s64(long value) {
        return u64(value ^ Long.MIN_VALUE);
    }

    Key u32(int value) {
        for (int shift = 24; shift >= 0; shift -= 8) {
            out.write(value >>> shift);
        }
        return this;
    }

    Key u8(int value) {
        out.write(value);
        return this;
    }

    Key bytes(byte[] value) {
        out.writeBytes(value);
        return this;
    }

    Key utf8(String value) {
        return bytes(value.getBytes(StandardCharsets.UTF_8));
    }

    ByteIterable build() {
        return new ArrayByteIterable(out.toByteArray());
    }

    static byte[] bytes(ByteIterable value) {
        byte[] raw = value.getBytesUnsafe();
        int length = value.getLength();
        return raw.length == length ? raw : java.util.Arrays.copyOf(raw, length);
    }

    static long u64(byte[] key, int offset) {
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (key[offset + i] & 0xff);
        }
        return value;
    }

    static long s64(byte[] key, int offset) {
        return u64(key, offset) ^ Long.MIN_VALUE;
    }

    static boolean startsWith(byte[] key, byte[] prefix) {
        return key.length >= prefix.length && java.util.Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }
}
