// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.auth.dkim;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The earlier, line-by-line body hasher (RFC 6376 sections 3.4.3, 3.4.4, l= of 3.5), kept
 * unchanged as the oracle that {@link BodyHasher}'s single-pass scanner is compared with.
 */
final class ReferenceBodyHasher {
    private final MessageDigest digest;
    private final long limit;
    private long length;
    /** Canonical output is gathered here and hashed in large pieces: many tiny digest updates cost more than the copy. */
    private final byte[] buffer = new byte[8192];
    private int buffered;

    private ReferenceBodyHasher(long limit) {
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        this.limit = limit;
    }

    // results are returned as the main class's record, so the two compare directly

    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] SP = {' '};

    /**
     * @param limit the l= value, or -1 for the whole body
     */
    static BodyHasher.Result hash(byte[] b, int offset, int end, Canonicalization c, long limit) {
        ReferenceBodyHasher h = new ReferenceBodyHasher(limit);
        if (c == Canonicalization.SIMPLE) {
            h.simple(b, offset, end);
        } else {
            h.relaxed(b, offset, end);
        }
        h.flush();
        return new BodyHasher.Result(h.digest.digest(), h.length);
    }

    /** Section 3.4.3: drop trailing empty lines; an empty body is one CRLF; a last line gets its CRLF. */
    private void simple(byte[] b, int offset, int end) {
        int e = end;
        while (e - offset >= 2 && b[e - 2] == '\r' && b[e - 1] == '\n') {
            e -= 2;
        }
        write(b, offset, e - offset);
        write(CRLF, 0, 2);
    }

    /**
     * Section 3.4.4: whitespace runs become one SP, whitespace at line ends goes, trailing
     * empty lines go, a non-empty last line gets its CRLF, an empty body stays empty. Empty
     * lines are only counted, and written once a line with content follows them. Stretches
     * that need no change (the usual case: words and single spaces) are hashed as they are.
     */
    private void relaxed(byte[] b, int offset, int end) {
        int pendingEmptyLines = 0;
        int i = offset;
        while (i < end) {
            int eol = i;
            while (eol < end && !(b[eol] == '\r' && eol + 1 < end && b[eol + 1] == '\n')) {
                eol++;
            }
            int contentEnd = eol;
            while (contentEnd > i && (b[contentEnd - 1] == ' ' || b[contentEnd - 1] == '\t')) {
                contentEnd--;
            }
            if (contentEnd == i) {
                pendingEmptyLines++;
            } else {
                for (; pendingEmptyLines > 0; pendingEmptyLines--) {
                    write(CRLF, 0, 2);
                }
                line(b, i, contentEnd);
                write(CRLF, 0, 2);
            }
            i = eol < end ? eol + 2 : end;
        }
    }

    /** One line without trailing whitespace; b[to - 1] is not whitespace. */
    private void line(byte[] b, int from, int to) {
        int stretch = from;
        int j = from;
        while (j < to) {
            byte c = b[j];
            if (c > ' ' || (c == ' ' && b[j + 1] != ' ' && b[j + 1] != '\t') || (c != ' ' && c != '\t')) {
                j++;
                continue;
            }
            write(b, stretch, j - stretch);
            write(SP, 0, 1);
            while (b[j] == ' ' || b[j] == '\t') {
                j++;
            }
            stretch = j;
        }
        write(b, stretch, to - stretch);
    }

    private void write(byte[] b, int off, int len) {
        if (len <= 0) {
            return;
        }
        int take = (int) (limit < 0 ? len : Math.max(0, Math.min(len, limit - length)));
        length += len;
        if (take == 0) {
            return;
        }
        if (take > buffer.length - buffered) {
            flush();
            if (take > buffer.length) {
                digest.update(b, off, take);
                return;
            }
        }
        System.arraycopy(b, off, buffer, buffered, take);
        buffered += take;
    }

    private void flush() {
        digest.update(buffer, 0, buffered);
        buffered = 0;
    }
}
