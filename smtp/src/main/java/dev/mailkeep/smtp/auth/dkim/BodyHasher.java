// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.auth.dkim;

import dev.mailkeep.smtp.auth.message.Octets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Hashes a body in its canonical form in one pass over the wire octets, without building a
 * copy of it: RFC 6376 section 3.4.3 (simple) and 3.4.4 (relaxed), truncated to {@code l=}
 * octets when given (section 3.5, l=). The input is the wire body with CRLF line ends; a CR or
 * LF that is not part of a CRLF pair is an ordinary octet. {@link #hashBareLf} instead reads a
 * bare LF as a line end, which gives the hash of the body as {@code RawMessage.toCrlf} would
 * have converted it, without converting or even scanning for bare LFs beforehand. Canonical
 * output is gathered in one buffer and handed to the digest in large pieces.
 */
final class BodyHasher {
    /** Big enough to make digest updates rare, small enough that allocating it (zeroed) costs little next to the hash. */
    static final int BUFFER_SIZE = 2048;

    private final MessageDigest digest;
    private final long limit;
    /** Whether an LF without CR before it ends a line (as CRLF) rather than being an ordinary octet. */
    private final boolean bareLf;
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

    private BodyHasher(long limit, int bufferSize, boolean bareLf) {
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        this.limit = limit;
        this.bareLf = bareLf;
        this.size = bufferSize;
        this.buffer = new byte[bufferSize + 16];
    }

    /** The hash of the canonical body and its full canonical length (before any l= limit). */
    record Result(byte[] hash, long canonicalLength) {}


    /**
     * @param limit the l= value, or -1 for the whole body
     */
    static Result hash(byte[] b, int offset, int end, Canonicalization c, long limit) {
        return hash(b, offset, end, c, limit, defaultSize(offset, end), false);
    }

    /** As above with a given buffer size, so tests can put buffer boundaries anywhere. */
    static Result hash(byte[] b, int offset, int end, Canonicalization c, long limit, int bufferSize) {
        return hash(b, offset, end, c, limit, bufferSize, false);
    }

    /**
     * The hash of the body {@code b[offset, end)} with each bare LF (an LF at {@code offset} or
     * after an octet other than CR) turned into CRLF first: what {@code RawMessage.octets()}
     * holds after the header part, whose body may have kept bare LFs.
     */
    static Result hashBareLf(byte[] b, int offset, int end, Canonicalization c, long limit) {
        return hash(b, offset, end, c, limit, defaultSize(offset, end), true);
    }

    /** As {@link #hashBareLf} with a given buffer size. */
    static Result hashBareLf(byte[] b, int offset, int end, Canonicalization c, long limit, int bufferSize) {
        return hash(b, offset, end, c, limit, bufferSize, true);
    }

    private static int defaultSize(int offset, int end) {
        return (int) Math.min(BUFFER_SIZE, end - offset + 2L);
    }

    private static Result hash(byte[] b, int offset, int end, Canonicalization c, long limit, int bufferSize,
                               boolean bareLf) {
        BodyHasher h = new BodyHasher(limit, Math.max(1, bufferSize), bareLf);
        if (c == Canonicalization.SIMPLE && bareLf) {
            h.simpleBareLf(b, offset, end);
        } else if (c == Canonicalization.SIMPLE) {
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
     * Section 3.4.3 over a body whose line ends may be bare LFs: trailing LFs, each with the CR
     * before it if any, go; the stretches between bare LFs are written with CRLF in their place.
     */
    private void simpleBareLf(byte[] b, int offset, int end) {
        int e = end;
        while (e > offset && b[e - 1] == '\n') {
            e--;
            if (e > offset && b[e - 1] == '\r') {
                e--;
            }
        }
        int from = offset;
        for (int lf = Octets.indexOf(b, offset, e, (byte) '\n'); lf >= 0; lf = Octets.indexOf(b, lf + 1, e, (byte) '\n')) {
            if (lf == offset || b[lf - 1] != '\r') {
                append(b, from, lf - from);
                crlf();
                from = lf + 1;
            }
        }
        append(b, from, e - from);
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
                int lineEnd;
                if (c == ' ' || c == '\t') {
                    int run = p + 1;
                    while (run < end && (b[run] == ' ' || b[run] == '\t')) {
                        run++;
                    }
                    if (run + 1 < end && b[run] == '\r' && b[run + 1] == '\n') {
                        p = run;
                        lineEnd = 2;
                    } else if (bareLf && run < end && b[run] == '\n') {
                        p = run;
                        lineEnd = 1;
                    } else if (run < end) {
                        out[o++] = ' ';
                        i = run;
                        continue words;
                    } else {
                        buffered = o;
                        return run;
                    }
                } else if (c == '\r' && b[p + 1] == '\n') {
                    lineEnd = 2;
                } else if (c == '\n' && bareLf) {
                    lineEnd = 1;
                } else {
                    buffered = o;
                    return p;
                }
                out[o++] = '\r';
                out[o++] = '\n';
                i = p + lineEnd;
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
        if (c == '\n' && bareLf) {
            endLine();
            return i + 1;
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
            if (bareLf && run < end && b[run] == '\n') {
                endLine();
                return run + 1;
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

    /** Octets copied into the buffer, or straight to the digest when there are at least a buffer's worth. */
    private void append(byte[] b, int off, int len) {
        if (len >= size) {
            write(b, off, len);
            return;
        }
        while (len > 0) {
            if (buffered >= size) {
                flush();
            }
            int n = Math.min(len, size - buffered);
            System.arraycopy(b, off, buffer, buffered, n);
            buffered += n;
            off += n;
            len -= n;
        }
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
