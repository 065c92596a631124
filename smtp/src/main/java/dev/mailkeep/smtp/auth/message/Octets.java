// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.auth.message;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Scans byte arrays eight octets at a time: a little-endian long read, then a bit trick that
 * sets the high bit of exactly those octets that equal a given value (no false positives, so
 * the lowest set bit and every other set bit are real matches). This is what keeps the
 * header/body split and DKIM body canonicalization (RFC 6376 section 3.4.4) near memory speed:
 * line ends and whitespace runs are rare compared with ordinary octets.
 */
public final class Octets {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long LOW7 = 0x7F7F7F7F7F7F7F7FL;
    private static final long HIGH = 0x8080808080808080L;
    /** Added to the low seven bits of an octet, carries into its high bit exactly when they exceed 0x20. */
    private static final long ABOVE_SPACE = 0x5F5F5F5F5F5F5F5FL;

    public static final long CRS = repeat('\r');
    public static final long LFS = repeat('\n');
    public static final long SPACES = repeat(' ');
    public static final long TABS = repeat('\t');

    private Octets() {}

    /** The eight octets at {@code b[i..i+8)}, the octet at {@code i} in the lowest byte. */
    public static long word(byte[] b, int i) {
        return (long) LONGS.get(b, i);
    }

    /** Stores {@code w} at {@code b[i..i+8)}, its lowest byte at {@code i}. */
    public static void putWord(byte[] b, int i, long w) {
        LONGS.set(b, i, w);
    }

    /** A long holding {@code c} in each of its eight bytes. */
    public static long repeat(int c) {
        return (c & 0xFFL) * 0x0101010101010101L;
    }

    /** The high bit of every byte of {@code w} that equals the corresponding byte of {@code pattern}, and nothing else. */
    public static long equal(long w, long pattern) {
        long x = w ^ pattern;
        return ~(((x & LOW7) + LOW7) | x | LOW7);
    }

    /**
     * The high bit of every byte of {@code w} from 0x00 to 0x20 taken unsigned (the controls,
     * among them CR, LF and TAB, and SP), and nothing else. Within such a mask, {@code w << 2}
     * has the high bit set exactly for SP, the only one of them with bit 0x20.
     */
    public static long controlOrSpace(long w) {
        return ~(((w & LOW7) + ABOVE_SPACE) | w) & HIGH;
    }

    /** The index of the octet a set high bit of a non-zero {@link #equal} mask stands for, relative to the word. */
    public static int first(long mask) {
        return Long.numberOfTrailingZeros(mask) >>> 3;
    }

    /** The first index in {@code [from, to)} holding {@code value}, or -1. */
    public static int indexOf(byte[] b, int from, int to, byte value) {
        long pattern = repeat(value);
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long m = equal(word(b, i), pattern);
            if (m != 0) {
                return i + first(m);
            }
        }
        for (; i < to; i++) {
            if (b[i] == value) {
                return i;
            }
        }
        return -1;
    }
}
