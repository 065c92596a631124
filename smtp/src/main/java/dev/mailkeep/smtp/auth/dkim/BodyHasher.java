// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.auth.dkim;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Hashes a body in its canonical form without building a copy of it: RFC 6376 section 3.4.3
 * (simple) and 3.4.4 (relaxed), truncated to {@code l=} octets when given (section 3.4.5).
 * The input is the wire body with CRLF line ends.
 */
final class BodyHasher {
    private final MessageDigest digest;
    private final long limit;
    private long length;

    private BodyHasher(long limit) {
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        this.limit = limit;
    }

    /** The hash of the canonical body and its full canonical length (before any l= limit). */
    record Result(byte[] hash, long canonicalLength) {}

    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] SP = {' '};

    /**
     * @param limit the l= value, or -1 for the whole body
     */
    static Result hash(byte[] b, int offset, int end, Canonicalization c, long limit) {
        BodyHasher h = new BodyHasher(limit);
        if (c == Canonicalization.SIMPLE) {
            h.simple(b, offset, end);
        } else {
            h.relaxed(b, offset, end);
        }
        return new Result(h.digest.digest(), h.length);
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
     * Section 3.4.4: whitespace runs become one SP, whitespace at line ends goes, trailing empty
     * lines go, a non-empty last line gets its CRLF, and an empty body stays empty.
     */
    private void relaxed(byte[] b, int offset, int end) {
        int pendingEmptyLines = 0;
        int pos = offset;
        while (pos < end) {
            int eol = pos;
            while (eol < end && !(b[eol] == '\r' && eol + 1 < end && b[eol + 1] == '\n')) {
                eol++;
            }
            int contentEnd = eol;
            while (contentEnd > pos && (b[contentEnd - 1] == ' ' || b[contentEnd - 1] == '\t')) {
                contentEnd--;
            }
            if (contentEnd == pos) {
                pendingEmptyLines++;
            } else {
                for (int i = 0; i < pendingEmptyLines; i++) {
                    write(CRLF, 0, 2);
                }
                pendingEmptyLines = 0;
                writeCompressed(b, pos, contentEnd);
                write(CRLF, 0, 2);
            }
            pos = eol < end ? eol + 2 : end;
        }
    }

    private void writeCompressed(byte[] b, int from, int to) {
        int runStart = from;
        int i = from;
        while (i < to) {
            if (b[i] == ' ' || b[i] == '\t') {
                write(b, runStart, i - runStart);
                int j = i;
                while (j < to && (b[j] == ' ' || b[j] == '\t')) {
                    j++;
                }
                write(SP, 0, 1);
                i = j;
                runStart = j;
            } else {
                i++;
            }
        }
        write(b, runStart, to - runStart);
    }

    private void write(byte[] b, int off, int len) {
        if (len <= 0) {
            return;
        }
        long room = limit < 0 ? len : Math.max(0, Math.min(len, limit - length));
        if (room > 0) {
            digest.update(b, off, (int) room);
        }
        length += len;
    }
}
