// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store.mime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.QuotedPrintableInputStream;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.SingleBody;
import org.apache.james.mime4j.message.DefaultMessageWriter;

/**
 * The octets of a leaf part after its Content-Transfer-Encoding is undone (RFC 2045 section 6),
 * noting whether the encoding was unknown or its data malformed (base64 with bad padding or
 * stray characters, quoted-printable with broken escapes): RFC 8621's {@code isEncodingProblem}.
 * Base64 is decoded leniently, as mail readers do: a final quantum without its padding still
 * yields its octets, and data after a padded quantum (chunks concatenated by a broken sender)
 * goes on decoding; both are reported as problems.
 * Parts come from a parse that leaves content encoded, so each part gets its own decoder.
 */
record PartContent(byte[] bytes, boolean problem) {

    static PartContent of(Entity entity) {
        if (entity.getBody() instanceof Message attached) {
            try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
                new DefaultMessageWriter().writeMessage(attached, out);
                return new PartContent(out.toByteArray(), false);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (!(entity.getBody() instanceof SingleBody body)) {
            return new PartContent(new byte[0], false);
        }
        String encoding = entity.getContentTransferEncoding() == null
                ? "7bit" : entity.getContentTransferEncoding().strip().toLowerCase(Locale.ROOT);
        Monitor monitor = new Monitor();
        try (InputStream raw = body.getInputStream()) {
            return switch (encoding) {
                case "base64" -> base64(raw.readAllBytes());
                case "quoted-printable" ->
                        new PartContent(new QuotedPrintableInputStream(raw, monitor).readAllBytes(), monitor.problem);
                case "7bit", "8bit", "binary", "" -> new PartContent(raw.readAllBytes(), false);
                default -> new PartContent(raw.readAllBytes(), true);
            };
        } catch (IOException e) {
            return new PartContent(new byte[0], true);
        }
    }

    /** RFC 2045 section 6.8 base64, white space skipped, lenient about padding (see above). */
    private static PartContent base64(byte[] in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length * 3 / 4);
        boolean problem = false;
        boolean padded = false;
        int buffer = 0;
        int count = 0;
        for (byte octet : in) {
            int c = octet & 0xFF;
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                continue;
            }
            if (c == '=') {
                problem |= count == 1 || (count == 0 && !padded);
                flush(out, buffer, count);
                buffer = 0;
                count = 0;
                padded = true;
                continue;
            }
            int value = value(c);
            if (value < 0) {
                problem = true;
                continue;
            }
            problem |= padded;
            padded = false;
            buffer = buffer << 6 | value;
            if (++count == 4) {
                flush(out, buffer, count);
                buffer = 0;
                count = 0;
            }
        }
        problem |= count != 0;
        flush(out, buffer, count);
        return new PartContent(out.toByteArray(), problem);
    }

    /** Writes the octets of a quantum of {@code count} sextets (2 to 4; fewer hold no whole octet). */
    private static void flush(ByteArrayOutputStream out, int buffer, int count) {
        if (count == 4) {
            out.write(buffer >> 16);
            out.write(buffer >> 8);
            out.write(buffer);
        } else if (count == 3) {
            out.write(buffer >> 10);
            out.write(buffer >> 2);
        } else if (count == 2) {
            out.write(buffer >> 4);
        }
    }

    private static int value(int c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        return c == '+' ? 62 : c == '/' ? 63 : -1;
    }

    /** Records that a decoder met malformed data, and lets it go on (dropping what it could not read). */
    private static final class Monitor extends DecodeMonitor {
        private boolean problem;

        @Override
        public boolean warn(String message, String dropDesc) {
            problem = true;
            return false;
        }

        @Override
        public boolean isListening() {
            return true;
        }
    }
}
