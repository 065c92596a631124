// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.auth.message;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A message in its SMTP wire form (CRLF line ends) split into header fields and body, without
 * any decoding, as DKIM (RFC 6376 section 5.4) and DMARC need it. Bare LF line ends, as in
 * files on disk, are turned into CRLF first.
 *
 * @param bytes the whole message, CRLF line ends
 * @param headers header fields in message order, top first
 * @param bodyOffset index of the first body octet in {@code bytes} (after the empty line), or
 *     {@code bytes.length} when there is no body
 */
public record RawMessage(byte[] bytes, List<HeaderField> headers, int bodyOffset) {
    public RawMessage {
        headers = List.copyOf(headers);
    }

    public static RawMessage parse(byte[] message) {
        byte[] b = toCrlf(message);
        List<HeaderField> fields = new ArrayList<>();
        int pos = 0;
        int fieldStart = -1;
        while (pos < b.length) {
            int eol = indexOfCrlf(b, pos);
            int lineEnd = eol < 0 ? b.length : eol + 2;
            if (eol == pos) {
                if (fieldStart >= 0) {
                    fields.add(field(b, fieldStart, pos));
                }
                return new RawMessage(b, fields, pos + 2);
            }
            boolean continuation = b[pos] == ' ' || b[pos] == '\t';
            if (!continuation) {
                if (fieldStart >= 0) {
                    fields.add(field(b, fieldStart, pos));
                }
                fieldStart = pos;
            }
            pos = lineEnd;
        }
        if (fieldStart >= 0) {
            fields.add(field(b, fieldStart, b.length));
        }
        return new RawMessage(b, fields, b.length);
    }

    private static HeaderField field(byte[] b, int start, int end) {
        String raw = new String(b, start, end - start, StandardCharsets.ISO_8859_1);
        int colon = raw.indexOf(':');
        String name = (colon < 0 ? raw : raw.substring(0, colon)).strip();
        return new HeaderField(name, raw);
    }

    /** The first CR of a CRLF pair at or after {@code from}, or -1: found by its LF, eight octets at a time. */
    private static int indexOfCrlf(byte[] b, int from) {
        int lf = Octets.indexOf(b, from + 1, b.length, (byte) '\n');
        while (lf >= 0 && b[lf - 1] != '\r') {
            lf = Octets.indexOf(b, lf + 1, b.length, (byte) '\n');
        }
        return lf < 0 ? -1 : lf - 1;
    }

    /** Length of the body in octets. */
    public int bodyLength() {
        return bytes.length - bodyOffset;
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
