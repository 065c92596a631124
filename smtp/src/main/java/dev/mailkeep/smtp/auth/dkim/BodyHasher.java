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
    /** Big enough to make digest updates rare, small enough that allocating it (zeroed) costs little next to the hash. */
    static final int BUFFER_SIZE = 2048;

    private final MessageDigest digest;
    private final long limit;
    /** Canonical octets handed to the gather buffer's flushes or straight to the digest so far, before any l= cut. */
    private long length;
    /**
     * Many tiny digest updates cost more than copying the pieces here first. It has sixteen
     * octets of room beyond {@link #size}: whole words are stored at once (the octets past the
     * content they carry are overwritten by what follows), and a line end or SP may follow
     * before the next check of the fill.
     */
    private final byte[] buffer;
    private final int size;
    private int buffered;
    /** Relaxed: empty lines seen but not written yet; they count only once a line with content follows. */
    private int pendingEmptyLines;
    /** Relaxed: whether the current line has written content, so its CRLF is written rather than counted. */
    private boolean lineHasContent;

    private BodyHasher(long limit, int bufferSize) {
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        this.limit = limit;
        this.size = bufferSize;
        this.buffer = new byte[bufferSize + 16];
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
     * The body is read eight octets at a time and each word is stored into the buffer as it is
     * read, so ordinary text is scanned and copied by the same load. The events that need a
     * closer look are the octets up to 0x20 (controls, SP) except a single SP followed by a
     * visible octet or one of 0x80 and above; the octets of a word before its first event are
     * content, SPs included, and a whitespace run, even a single SP before a line end, always
     * starts at an event.
     */
    private void relaxed(byte[] b, int offset, int end) {
        int i = offset;
        while (i + 16 <= end) {
            if (isEvent(b, i, end)) {
                i = event(b, i, end);
                continue;
            }
            startContent();
            i = copyContent(b, i, end);
        }
        while (i < end) {
            if (isEvent(b, i, end)) {
                i = event(b, i, end);
            } else {
                startContent();
                put(b[i]);
                i++;
            }
        }
        if (lineHasContent) {
            crlf();
        }
    }

    private static boolean isEvent(byte[] b, int i, int end) {
        int c = b[i] & 0xFF;
        return c <= ' ' && !(c == ' ' && i + 1 < end && (b[i + 1] & 0xFF) > ' ');
    }

    /**
     * From {@code from}, which is content of the current line, stores words into the buffer
     * while at least 16 octets remain, and deals with the common events on the way without
     * leaving the loop: a whitespace run inside a line (one SP), a line end after content, with
     * or without whitespace before it, when the next line starts with content. Returns where it
     * stopped: at an event left to {@link #event} (with {@link #lineHasContent} false after a
     * line end), or with fewer than 16 octets left.
     */
    private int copyContent(byte[] b, int from, int end) {
        byte[] out = buffer;
        int o = buffered;
        int i = from;
        int last = end - 16;
        words:
        while (i <= last) {
            if (o >= size) {
                buffered = o;
                flush();
                o = 0;
            }
            int stop = Math.min(last, i + (size - o) - 1);
            long w = Octets.word(b, i);
            long low = Octets.controlOrSpace(w);
            for (; i <= stop; i += 8, o += 8) {
                long next = Octets.word(b, i + 8);
                long nextLow = Octets.controlOrSpace(next);
                Octets.putWord(out, o, w);
                long events = low & (~(w << 2) | (low >>> 8) | (nextLow << 56));
                w = next;
                low = nextLow;
                if (events == 0) {
                    continue;
                }
                int plain = Octets.first(events);
                o += plain;
                int p = i + plain;
                byte c = b[p];
                if (c == ' ' || c == '\t') {
                    int run = p + 1;
                    while (run < end && (b[run] == ' ' || b[run] == '\t')) {
                        run++;
                    }
                    if (run + 1 < end && b[run] == '\r' && b[run + 1] == '\n') {
                        p = run;
                    } else if (run < end) {
                        out[o++] = ' ';
                        i = run;
                        continue words;
                    } else {
                        buffered = o;
                        return run;
                    }
                } else if (c != '\r' || b[p + 1] != '\n') {
                    buffered = o;
                    return p;
                }
                out[o++] = '\r';
                out[o++] = '\n';
                i = p + 2;
                if (i > last || isEvent(b, i, end)) {
                    buffered = o;
                    lineHasContent = false;
                    return i;
                }
                continue words;
            }
        }
        buffered = o;
        return i;
    }

    /** Handles the event at {@code i} (see {@link #relaxed}) and returns where scanning resumes. */
    private int event(byte[] b, int i, int end) {
        byte c = b[i];
        if (c == '\r' && i + 1 < end && b[i + 1] == '\n') {
            endLine();
            return i + 2;
        }
        if (c == ' ' || c == '\t') {
            int run = i + 1;
            while (run < end && (b[run] == ' ' || b[run] == '\t')) {
                run++;
            }
            if (run + 1 < end && b[run] == '\r' && b[run + 1] == '\n') {
                endLine();
                return run + 2;
            }
            if (run < end) {
                startContent();
                put((byte) ' ');
            }
            return run;
        }
        startContent();
        put(c);
        return i + 1;
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

    private void startContent() {
        if (!lineHasContent) {
            for (; pendingEmptyLines > 0; pendingEmptyLines--) {
                crlf();
            }
            lineHasContent = true;
        }
    }

    /** Large pieces (the simple body) go to the digest directly, cut at l=. */
    private void write(byte[] b, int off, int len) {
        if (len <= 0) {
            return;
        }
        flush();
        digest.update(b, off, take(len));
        length += len;
    }

    private void crlf() {
        put((byte) '\r');
        put((byte) '\n');
    }

    private void put(byte c) {
        if (buffered >= size) {
            flush();
        }
        buffer[buffered++] = c;
    }

    /** The buffer to the digest, cut where the canonical length passes l= (section 3.5). */
    private void flush() {
        int take = take(buffered);
        if (take > 0) {
            digest.update(buffer, 0, take);
        }
        length += buffered;
        buffered = 0;
    }

    /** How many of the next {@code n} canonical octets are within l=. */
    private int take(int n) {
        return limit < 0 ? n : (int) Math.max(0, Math.min(n, limit - length));
    }
}
