// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.auth.dkim;

import dev.mailkeep.smtp.auth.message.Octets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Hashes a body in its canonical form in one pass over the wire octets, without building a
 * copy of it: RFC 6376 section 3.4.3 (simple) and 3.4.4 (relaxed), truncated to {@code l=}
 * octets when given (section 3.5, l=). The input is the wire body with CRLF line ends; a CR or
 * LF that is not part of a CRLF pair is an ordinary octet. Canonical output is gathered in one
 * buffer and handed to the digest in large pieces.
 */
final class BodyHasher {
    static final int BUFFER_SIZE = 8192;

    private final MessageDigest digest;
    private final long limit;
    private long length;
    /** Many tiny digest updates cost more than copying the pieces here first. */
    private final byte[] buffer;
    private int buffered;
    /** Relaxed: empty lines seen but not written yet; they count only once a line with content follows. */
    private int pendingEmptyLines;
    /** Relaxed: whether the current line has written content, so its CRLF is written rather than counted. */
    private boolean lineHasContent;
    /** Relaxed: where the last word with events starts (offsets are never negative, so -8 means none yet), and its events. */
    private int wordStart = -8;
    private long wordEvents;

    private BodyHasher(long limit, int bufferSize) {
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        this.limit = limit;
        this.buffer = new byte[bufferSize];
    }

    /** The hash of the canonical body and its full canonical length (before any l= limit). */
    record Result(byte[] hash, long canonicalLength) {}


    /**
     * @param limit the l= value, or -1 for the whole body
     */
    static Result hash(byte[] b, int offset, int end, Canonicalization c, long limit) {
        return hash(b, offset, end, c, limit, (int) Math.min(BUFFER_SIZE, end - offset + 2L));
    }

    /** As above with a given buffer size, so tests can put buffer boundaries anywhere. */
    static Result hash(byte[] b, int offset, int end, Canonicalization c, long limit, int bufferSize) {
        BodyHasher h = new BodyHasher(limit, Math.max(1, bufferSize));
        if (c == Canonicalization.SIMPLE) {
            h.simple(b, offset, end);
        } else {
            h.relaxed(b, offset, end);
        }
        h.flush();
        return new Result(h.digest.digest(), h.length);
    }

    /** Section 3.4.3: drop trailing empty lines; an empty body is one CRLF; a last line gets its CRLF. */
    private void simple(byte[] b, int offset, int end) {
        int e = end;
        while (e - offset >= 2 && b[e - 2] == '\r' && b[e - 1] == '\n') {
            e -= 2;
        }
        write(b, offset, e - offset);
        crlf();
    }

    /**
     * Section 3.4.4 in one pass: whitespace runs become one SP, whitespace at line ends goes,
     * trailing empty lines go, a non-empty last line gets its CRLF, an empty body stays empty.
     * Octets between events are written as they are. The events, found eight octets at a time,
     * are the octets up to 0x20 (controls, SP) except a single SP followed by a visible octet or
     * one of 0x80 and above. So what lies between events is content, SPs included: a
     * whitespace run, even a single SP before a line end, always starts at an event.
     */
    private void relaxed(byte[] b, int offset, int end) {
        int stretch = offset;
        int i = offset;
        while ((i = nextEvent(b, i, end)) < end) {
            byte c = b[i];
            if (c == '\r' && i + 1 < end && b[i + 1] == '\n') {
                content(b, stretch, i);
                endLine();
                i += 2;
                stretch = i;
            } else if (c == ' ' || c == '\t') {
                int run = i + 1;
                while (run < end && (b[run] == ' ' || b[run] == '\t')) {
                    run++;
                }
                content(b, stretch, i);
                if (run + 1 < end && b[run] == '\r' && b[run + 1] == '\n') {
                    endLine();
                    run += 2;
                } else if (run < end) {
                    startContent();
                    put((byte) ' ');
                }
                i = run;
                stretch = run;
            } else {
                i++;
            }
        }
        content(b, stretch, end);
        if (lineHasContent) {
            crlf();
        }
    }

    /**
     * The first event (see {@link #relaxed}) in {@code [from, end)}, or {@code end}. The events
     * of the last word scanned are kept, so each word is examined once however many it holds.
     */
    private int nextEvent(byte[] b, int from, int end) {
        int i = from;
        if (i - wordStart < 8) {
            long pending = wordEvents & (-1L << ((i - wordStart) << 3));
            if (pending != 0) {
                return wordStart + Octets.first(pending);
            }
            i = wordStart + 8;
        }
        if (i + 16 <= end) {
            long w = Octets.word(b, i);
            long low = Octets.controlOrSpace(w);
            for (;;) {
                long following = Octets.word(b, i + 8);
                long followingLow = Octets.controlOrSpace(following);
                long events = low & (~(w << 2) | (low >>> 8) | (followingLow << 56));
                if (events != 0) {
                    wordStart = i;
                    wordEvents = events;
                    return i + Octets.first(events);
                }
                i += 8;
                if (i + 16 > end) {
                    break;
                }
                w = following;
                low = followingLow;
            }
        }
        for (; i < end; i++) {
            int c = b[i] & 0xFF;
            if (c <= ' ' && !(c == ' ' && i + 1 < end && (b[i + 1] & 0xFF) > ' ')) {
                return i;
            }
        }
        return end;
    }

    /** A CRLF ends the line: written after content, counted as a pending empty line otherwise. */
    private void endLine() {
        if (lineHasContent) {
            crlf();
            lineHasContent = false;
        } else {
            pendingEmptyLines++;
        }
    }

    private void content(byte[] b, int from, int to) {
        if (to > from) {
            startContent();
            write(b, from, to - from);
        }
    }

    private void startContent() {
        if (!lineHasContent) {
            for (; pendingEmptyLines > 0; pendingEmptyLines--) {
                crlf();
            }
            lineHasContent = true;
        }
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

    private void crlf() {
        put((byte) '\r');
        put((byte) '\n');
    }

    /** One octet, as {@link #write} would take it, without a call to System.arraycopy. */
    private void put(byte c) {
        length++;
        if (limit >= 0 && length > limit) {
            return;
        }
        if (buffered == buffer.length) {
            flush();
        }
        buffer[buffered++] = c;
    }

    private void flush() {
        digest.update(buffer, 0, buffered);
        buffered = 0;
    }
}
