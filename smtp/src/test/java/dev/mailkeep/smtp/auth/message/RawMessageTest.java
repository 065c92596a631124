// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.auth.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The header/body split (RFC 5322 section 2.1, as DKIM needs it in RFC 6376 section 5.4) and
 * the bare-LF repair, which find line ends eight octets at a time, against a plain byte-by-byte
 * reference over many random messages, and {@link Octets} against a plain search.
 */
class RawMessageTest {
    private static final String[] PIECES = {"From: a@b.example", "Subject: x", "X:", " folded", "\tfolded", "\r\n",
        "\r\n", "\n", "\r", "\r\n\r\n", "body text", "  ", ":", "\u00ff"};

    @Test
    void splitsAndRepairsAsTheReferenceDoes() {
        Random random = new Random(5322);
        for (int n = 0; n < 3000; n++) {
            StringBuilder s = new StringBuilder();
            int pieces = random.nextInt(60);
            for (int i = 0; i < pieces; i++) {
                s.append(PIECES[random.nextInt(PIECES.length)]);
            }
            byte[] message = s.toString().getBytes(StandardCharsets.ISO_8859_1);
            byte[] crlf = referenceToCrlf(message);
            assertArrayEquals(crlf, RawMessage.toCrlf(message));
            RawMessage parsed = RawMessage.parse(message);
            assertArrayEquals(crlf, parsed.bytes());
            List<String> fields = new ArrayList<>();
            int bodyOffset = referenceSplit(crlf, fields);
            assertEquals(bodyOffset, parsed.bodyOffset(), s::toString);
            assertEquals(fields, parsed.headers().stream().map(HeaderField::raw).toList(), s::toString);
        }
    }

    /**
     * {@link RawMessage#octets()} repairs the header part only: up to the body it is the CRLF
     * form, after it the message exactly as given, and the given array itself (not a copy)
     * whenever the header part has no bare LF, whatever the body holds.
     */
    @Test
    void octetsRepairTheHeaderPartAndKeepTheBodyAsReceived() {
        Random random = new Random(6376);
        for (int n = 0; n < 3000; n++) {
            StringBuilder s = new StringBuilder();
            for (int i = random.nextInt(60); i > 0; i--) {
                s.append(PIECES[random.nextInt(PIECES.length)]);
            }
            byte[] message = s.toString().getBytes(StandardCharsets.ISO_8859_1);
            byte[] crlf = referenceToCrlf(message);
            RawMessage parsed = RawMessage.parse(message);
            byte[] octets = parsed.octets();
            int bodyOffset = parsed.bodyOffset();
            assertArrayEquals(Arrays.copyOf(crlf, bodyOffset), Arrays.copyOf(octets, bodyOffset), s::toString);
            int rawBodyOffset = message.length - (octets.length - bodyOffset);
            assertArrayEquals(Arrays.copyOfRange(message, rawBodyOffset, message.length),
                    Arrays.copyOfRange(octets, bodyOffset, octets.length), s::toString);
            assertArrayEquals(crlf, referenceToCrlf(octets), s::toString);
            if (referenceToCrlf(Arrays.copyOf(message, rawBodyOffset)).length == rawBodyOffset) {
                assertSame(message, octets, s::toString);
            }
        }
    }

    @Test
    void aBodyWithBareLineFeedsIsNotConvertedUntilAsked() {
        byte[] message = "From: a@b.example\r\nSubject: x\r\n\r\nline one\nline two\n".getBytes(StandardCharsets.US_ASCII);
        RawMessage parsed = RawMessage.parse(message);
        assertSame(message, parsed.octets());
        assertEquals("From: a@b.example\r\nSubject: x\r\n\r\nline one\r\nline two\r\n",
                new String(parsed.bytes(), StandardCharsets.US_ASCII));
        byte[] lfOnly = "From: a@b.example\nSubject: x\n\nline one\n".getBytes(StandardCharsets.US_ASCII);
        assertEquals("From: a@b.example\r\nSubject: x\r\n\r\nline one\n",
                new String(RawMessage.parse(lfOnly).octets(), StandardCharsets.US_ASCII));
    }

    @Test
    void aMessageWithoutBareLineFeedsIsNotCopied() {
        byte[] message = "From: a@b.example\r\nSubject: x\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);
        assertSame(message, RawMessage.toCrlf(message));
        assertSame(message, RawMessage.parse(message).bytes());
        assertEquals("From: a@b.example\r\nSubject: x\r\n\r\n".length(), RawMessage.parse(message).bodyOffset());
    }

    @Test
    void octetSearchFindsEveryPositionAndOnlyTheRealOne() {
        Random random = new Random(1);
        for (int n = 0; n < 2000; n++) {
            byte[] b = new byte[random.nextInt(40)];
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) "\n\r\u0000\u0080\u008a\u000b\t ".charAt(random.nextInt(8));
            }
            int from = b.length == 0 ? 0 : random.nextInt(b.length);
            int to = from + random.nextInt(b.length - from + 1);
            for (byte value : new byte[] {'\n', '\r', ' ', '\t', 0, (byte) 0x80}) {
                int expected = -1;
                for (int i = from; i < to && expected < 0; i++) {
                    expected = b[i] == value ? i : -1;
                }
                assertEquals(expected, Octets.indexOf(b, from, to, value));
            }
        }
    }

    /** The earlier byte-by-byte repair: CR before every LF that has none. */
    /** The word-wide bare-LF count against a plain one: CR and LF at every offset and across word boundaries. */
    @Test
    void bareLineFeedsAreCountedAtEveryOffset() {
        Random random = new Random(5321);
        for (int n = 0; n < 20_000; n++) {
            byte[] b = new byte[random.nextInt(40)];
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) "\r\nx\u00ff".charAt(random.nextInt(4));
            }
            int expected = 0;
            for (int i = 0; i < b.length; i++) {
                if (b[i] == '\n' && (i == 0 || b[i - 1] != '\r')) {
                    expected++;
                }
            }
            assertEquals(expected, RawMessage.countBareLf(b), () -> java.util.HexFormat.of().formatHex(b));
        }
    }

    private static byte[] referenceToCrlf(byte[] in) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < in.length; i++) {
            if (in[i] == '\n' && (i == 0 || in[i - 1] != '\r')) {
                out.append('\r');
            }
            out.append((char) (in[i] & 0xFF));
        }
        return out.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The earlier byte-by-byte split: fields (with their continuation lines) up to the first empty line. */
    private static int referenceSplit(byte[] b, List<String> fields) {
        int pos = 0;
        int fieldStart = -1;
        while (pos < b.length) {
            int eol = -1;
            for (int i = pos; i + 1 < b.length && eol < 0; i++) {
                eol = b[i] == '\r' && b[i + 1] == '\n' ? i : -1;
            }
            if (eol == pos) {
                if (fieldStart >= 0) {
                    fields.add(new String(b, fieldStart, pos - fieldStart, StandardCharsets.ISO_8859_1));
                }
                return pos + 2;
            }
            if (b[pos] != ' ' && b[pos] != '\t') {
                if (fieldStart >= 0) {
                    fields.add(new String(b, fieldStart, pos - fieldStart, StandardCharsets.ISO_8859_1));
                }
                fieldStart = pos;
            }
            pos = eol < 0 ? b.length : eol + 2;
        }
        if (fieldStart >= 0) {
            fields.add(new String(b, fieldStart, b.length - fieldStart, StandardCharsets.ISO_8859_1));
        }
        return b.length;
    }
}
