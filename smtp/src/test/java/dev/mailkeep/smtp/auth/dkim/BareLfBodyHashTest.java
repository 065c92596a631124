// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.auth.dkim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mailkeep.smtp.auth.message.RawMessage;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The body hasher reading bare LFs as line ends ({@link BodyHasher#hashBareLf}), which lets
 * {@link RawMessage#parse} leave the body unconverted, against the reference hasher over the
 * body converted by {@link RawMessage#toCrlf} first (RFC 6376 sections 3.4.3 and 3.4.4, l=
 * of section 3.5): the same hash and canonical length for random bodies mixing CRLF, bare LF
 * and bare CR, simple and relaxed, with and without l=, at every buffer size.
 */
class BareLfBodyHashTest {
    private static final String[] PIECES = {"a", "word", "Z", " ", "  ", "\t", " \t ", "\r\n", "\n", "\n", "\r\n\r\n",
        "\n\n", "\r", "\n\r", "\r\r\n", " \n", "\t\n", " \r\n", "x\n", "\u00e9", "\u0000"};

    @Test
    void randomBodiesWithMixedLineEndsHashAsTheirCrlfForm() {
        Random random = new Random(6376_0005);
        for (int n = 0; n < 3000; n++) {
            byte[] body = randomBody(random, n % 50 == 0 ? 8_000 : random.nextInt(120));
            for (Canonicalization c : Canonicalization.values()) {
                long whole = expected(body, 0, body.length, c, -1).canonicalLength();
                long limit = random.nextInt(3) == 0 ? -1 : random.nextLong(whole + 3);
                int bufferSize = random.nextBoolean() ? BodyHasher.BUFFER_SIZE : 1 + random.nextInt(17);
                assertSame(body, 0, body.length, c, limit, bufferSize);
            }
        }
    }

    /** Long plain stretches so the word-at-a-time copy meets bare LFs, alone or after whitespace, at every offset. */
    @Test
    void bareLineFeedsAtEveryOffsetOfAWord() {
        String[] ends = {"\n", " \n", "\t \n", "\n\n", "\r\n", "\n\r\n", "\r\r\n"};
        for (String lineEnd : ends) {
            for (int at = 0; at < 20; at++) {
                byte[] b = ("x".repeat(at) + lineEnd + "yz".repeat(13) + lineEnd + "w".repeat(17) + "\n")
                        .getBytes(StandardCharsets.ISO_8859_1);
                for (Canonicalization c : Canonicalization.values()) {
                    for (int bufferSize = 1; bufferSize <= 12; bufferSize++) {
                        assertSame(b, 0, b.length, c, -1, bufferSize);
                    }
                    for (long limit = 0; limit <= b.length + 2; limit++) {
                        assertSame(b, 0, b.length, c, limit, 5);
                    }
                }
            }
        }
    }

    /** An LF at the body's first octet is bare whatever precedes it in the array: the hasher never looks before the body. */
    @Test
    void bodiesInsideALargerArrayStopAtTheirBounds() {
        Random random = new Random(8463);
        for (int n = 0; n < 500; n++) {
            byte[] body = randomBody(random, random.nextInt(80));
            byte[] around = new byte[body.length + 40];
            for (int i = 0; i < around.length; i++) {
                around[i] = (byte) " \t\r\n".charAt(random.nextInt(4));
            }
            int offset = 1 + random.nextInt(20);
            System.arraycopy(body, 0, around, offset, body.length);
            for (Canonicalization c : Canonicalization.values()) {
                assertSame(around, offset, offset + body.length, c, -1, BodyHasher.BUFFER_SIZE);
            }
        }
    }

    @Test
    void namedEdgeCases() {
        String[] bodies = {"", "\n", "\n\n", "\r\n\n", "\n\r\n", "\r", "\r\r", "\r\r\n", "a\n", "a\r\n\n\n", "a\n\r",
            " \n", "a \n b\t\n", "\nleading bare LF", "no line end", "ends in space ", "x".repeat(3000) + "\n\n"};
        for (String body : bodies) {
            byte[] b = body.getBytes(StandardCharsets.ISO_8859_1);
            for (Canonicalization c : Canonicalization.values()) {
                for (long limit : new long[] {-1, 0, 1, 2, 3, 3001}) {
                    assertSame(b, 0, b.length, c, limit, BodyHasher.BUFFER_SIZE);
                    assertSame(b, 0, b.length, c, limit, 2);
                }
            }
        }
    }

    /** What the body hash was before: the whole message converted, then the CRLF-only hasher. */
    @Test
    void parsedMessagesHashTheirBodyAsTheConvertedMessage() {
        Random random = new Random(5322);
        String[] headers = {"From: a@b.example", "Subject: x", " folded", "\r\n", "\n"};
        for (int n = 0; n < 2000; n++) {
            StringBuilder s = new StringBuilder();
            for (int i = random.nextInt(8); i > 0; i--) {
                s.append(headers[random.nextInt(headers.length)]);
            }
            s.append(random.nextBoolean() ? "\r\n" : "\n").append(random.nextBoolean() ? "\r\n" : "\n");
            byte[] message = (s + new String(randomBody(random, random.nextInt(60)), StandardCharsets.ISO_8859_1))
                    .getBytes(StandardCharsets.ISO_8859_1);
            RawMessage m = RawMessage.parse(message);
            byte[] crlf = RawMessage.toCrlf(message);
            for (Canonicalization c : Canonicalization.values()) {
                BodyHasher.Result expected = BodyHasher.hash(crlf, m.bodyOffset(), crlf.length, c, -1);
                BodyHasher.Result actual = BodyHasher.hashBareLf(m.octets(), m.bodyOffset(), m.octets().length, c, -1);
                assertEquals(expected.canonicalLength(), actual.canonicalLength(), s::toString);
                assertArrayEquals(expected.hash(), actual.hash(), s::toString);
            }
        }
    }

    private static byte[] randomBody(Random random, int pieces) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < pieces; i++) {
            String piece = PIECES[random.nextInt(PIECES.length)];
            s.append(random.nextInt(8) == 0 ? "q".repeat(random.nextInt(30)) : piece);
        }
        return s.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static BodyHasher.Result expected(byte[] b, int offset, int end, Canonicalization c, long limit) {
        byte[] crlf = RawMessage.toCrlf(Arrays.copyOfRange(b, offset, end));
        return ReferenceBodyHasher.hash(crlf, 0, crlf.length, c, limit);
    }

    private static void assertSame(byte[] b, int offset, int end, Canonicalization c, long limit, int bufferSize) {
        BodyHasher.Result expected = expected(b, offset, end, c, limit);
        BodyHasher.Result actual = BodyHasher.hashBareLf(b, offset, end, c, limit, bufferSize);
        String what = c + " l=" + limit + " buffer=" + bufferSize + " body="
                + HexFormat.of().formatHex(b, offset, end);
        assertEquals(expected.canonicalLength(), actual.canonicalLength(), what);
        assertArrayEquals(expected.hash(), actual.hash(), what);
    }
}
