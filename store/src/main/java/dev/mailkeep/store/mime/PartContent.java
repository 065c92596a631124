// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store.mime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import org.apache.james.mime4j.codec.Base64InputStream;
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
                case "base64" -> new PartContent(new Base64InputStream(raw, monitor).readAllBytes(), monitor.problem);
                case "quoted-printable" ->
                        new PartContent(new QuotedPrintableInputStream(raw, monitor).readAllBytes(), monitor.problem);
                case "7bit", "8bit", "binary", "" -> new PartContent(raw.readAllBytes(), false);
                default -> new PartContent(raw.readAllBytes(), true);
            };
        } catch (IOException e) {
            return new PartContent(new byte[0], true);
        }
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
