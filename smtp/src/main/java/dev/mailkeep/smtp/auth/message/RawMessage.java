// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.auth.message;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A message split into header fields and body, without any decoding, as DKIM (RFC 6376
 * section 5.4) and DMARC need it. Bare LF line ends, as in files on disk, are repaired to CRLF
 * in the header part only: the body is kept as received ({@link #octets()}), since a scan of
 * the whole body for bare LFs would cost as much as a good part of its DKIM hash. Callers that
 * need the whole message in CRLF form ask {@link #bytes()}, which converts the body only when
 * it has a bare LF; the DKIM body hash reads a bare LF of {@link #octets()} as a line end.
 */
public final class RawMessage {
    private final byte[] octets;
    private final List<HeaderField> headers;
    private final int bodyOffset;

    private RawMessage(byte[] octets, List<HeaderField> headers, int bodyOffset) {
        this.octets = octets;
        this.headers = List.copyOf(headers);
        this.bodyOffset = bodyOffset;
    }

    /** Splits {@code message} (CRLF line ends; bare LF tolerated). The array is kept, not copied, unless its header part has a bare LF. */
    public static RawMessage parse(byte[] message) {
        RawMessage m = split(message);
        return m != null ? m : split(crlfHeader(message));
    }

    /**
     * The message with its header part (RFC 5322 section 2.1, up to and including the empty
     * line) in CRLF form and the body as received, so it may hold bare LFs; the array given to
     * {@link #parse} itself when its header part had none.
     */
    public byte[] octets() {
        return octets;
    }

    /** Header fields in message order, top first. */
    public List<HeaderField> headers() {
        return headers;
    }

    /**
     * Index of the first body octet (after the empty line) in {@link #octets()} and in
     * {@link #bytes()}, which agree up to there; the length of both when there is no body.
     */
    public int bodyOffset() {
        return bodyOffset;
    }

    /**
     * The whole message with every bare LF turned into CRLF: {@link #octets()} itself when the
     * body has none, otherwise a converted copy made on each call.
     */
    public byte[] bytes() {
        return toCrlf(octets);
    }

    /**
     * The fields of {@code b} up to the first empty line, or null when a line of the header
     * part (the empty line included) ends in a bare LF. A line ends at an LF: lines with a
     * bare CR inside go on past it, as in the CRLF form.
     */
    private static RawMessage split(byte[] b) {
        List<HeaderField> fields = new ArrayList<>();
        int pos = 0;
        int fieldStart = -1;
        while (pos < b.length) {
            int lf = Octets.indexOf(b, pos, b.length, (byte) '\n');
            if (lf < 0) {
                break;
            }
            if (lf == pos || b[lf - 1] != '\r') {
                return null;
            }
            if (lf == pos + 1) {
                if (fieldStart >= 0) {
                    fields.add(field(b, fieldStart, pos));
                }
                return new RawMessage(b, fields, lf + 1);
            }
            if (b[pos] != ' ' && b[pos] != '\t') {
                if (fieldStart >= 0) {
                    fields.add(field(b, fieldStart, pos));
                }
                fieldStart = pos;
            }
            pos = lf + 1;
        }
        if (pos < b.length && b[pos] != ' ' && b[pos] != '\t') {
            if (fieldStart >= 0) {
                fields.add(field(b, fieldStart, pos));
            }
            fieldStart = pos;
        }
        if (fieldStart >= 0) {
            fields.add(field(b, fieldStart, b.length));
        }
        return new RawMessage(b, fields, b.length);
    }

    /**
     * A copy of {@code in} with its header part, up to and including the first empty line
     * ("LF" or "CR LF" at the start of a line), in CRLF form and the body unchanged.
     */
    private static byte[] crlfHeader(byte[] in) {
        int pos = 0;
        while (pos < in.length) {
            int lf = Octets.indexOf(in, pos, in.length, (byte) '\n');
            if (lf < 0) {
                pos = in.length;
                break;
            }
            boolean empty = lf == pos || (lf == pos + 1 && in[pos] == '\r');
            pos = lf + 1;
            if (empty) {
                break;
            }
        }
        byte[] head = toCrlf(Arrays.copyOf(in, pos));
        byte[] out = Arrays.copyOf(head, head.length + in.length - pos);
        System.arraycopy(in, pos, out, head.length, in.length - pos);
        return out;
    }

    private static HeaderField field(byte[] b, int start, int end) {
        String raw = new String(b, start, end - start, StandardCharsets.ISO_8859_1);
        int colon = raw.indexOf(':');
        String name = (colon < 0 ? raw : raw.substring(0, colon)).strip();
        return new HeaderField(name, raw);
    }

    /** The last header field with this name, or null. */
    public HeaderField last(String name) {
        for (int i = headers.size() - 1; i >= 0; i--) {
            if (headers.get(i).is(name)) {
                return headers.get(i);
            }
        }
        return null;
    }

    /** All header fields with this name, top first. */
    public List<HeaderField> all(String name) {
        return headers.stream().filter(h -> h.is(name)).toList();
    }

    /** The message with every bare LF (not preceded by CR) turned into CRLF; the same array when there is none. */
    public static byte[] toCrlf(byte[] in) {
        int bare = countBareLf(in);
        if (bare == 0) {
            return in;
        }
        byte[] out = new byte[in.length + bare];
        int o = 0;
        for (int i = 0; i < in.length; i++) {
            if (in[i] == '\n' && (i == 0 || in[i - 1] != '\r')) {
                out[o++] = '\r';
            }
            out[o++] = in[i];
        }
        return out;
    }

    /** The number of LFs not preceded by CR, found by their LF eight octets at a time. */
    static int countBareLf(byte[] in) {
        int bare = 0;
        for (int lf = Octets.indexOf(in, 0, in.length, (byte) '\n'); lf >= 0;
                lf = Octets.indexOf(in, lf + 1, in.length, (byte) '\n')) {
            if (lf == 0 || in[lf - 1] != '\r') {
                bare++;
            }
        }
        return bare;
    }
}
