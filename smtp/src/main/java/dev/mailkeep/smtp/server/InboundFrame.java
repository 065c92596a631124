// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.server;

/** What {@link SmtpInputDecoder} hands to the session: a command line, or the end of message data. */
sealed interface InboundFrame {
    /** A command line without its line end, decoded as UTF-8. */
    record CommandLine(String text) implements InboundFrame {}

    /** A command line longer than the limit, already discarded up to its line end. */
    record LineTooLong() implements InboundFrame {}

    /** A command line that is not valid UTF-8. */
    record LineNotUtf8() implements InboundFrame {}

    /** The {@code CRLF.CRLF} that ends DATA was read; the content is in the session's buffer. */
    record DataEnd() implements InboundFrame {}

    /** All octets of a BDAT chunk were read into the session's buffer. */
    record ChunkEnd() implements InboundFrame {}
}
