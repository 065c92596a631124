// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.server;

import dev.mailkeep.smtp.protocol.SmtpCommand.Hello;
import dev.mailkeep.smtp.protocol.SmtpReply;

/**
 * Where an SMTP session stands (RFC 5321 section 4.1.4 ordering). TLS and authentication are
 * facts about the connection, not states: see {@link SmtpSession}.
 */
sealed interface SessionState {

    /** Before EHLO or HELO; again after STARTTLS (RFC 3207 section 4.2). */
    record Connected() implements SessionState {}

    /** Greeted, no mail transaction open. */
    record Idle(Hello hello) implements SessionState {}

    /** Between MAIL and DATA or the first BDAT. */
    record Transaction(Hello hello, Envelope envelope) implements SessionState {}

    /** After 354: the decoder streams the content until the final dot. */
    record ReceivingData(Hello hello, Envelope envelope, MessageBuffer content) implements SessionState {}

    /** Between BDAT chunks of one message (RFC 3030). */
    record Chunking(Hello hello, Envelope envelope, MessageBuffer content) implements SessionState {}

    /**
     * While the decoder reads the octets of one BDAT chunk.
     *
     * @param after the state once the chunk is read
     * @param rejection the reply for a BDAT that was refused (its octets are read and dropped), or null
     */
    record ReadingChunk(SessionState after, long size, boolean last, SmtpReply rejection) implements SessionState {}

    /** In an AUTH exchange, waiting for the client's next response line (RFC 4954 section 4). */
    record Authenticating(Hello hello, SaslStep step, String username) implements SessionState {}

    /** What the next response line of an AUTH exchange carries. */
    enum SaslStep {
        PLAIN_MESSAGE, LOGIN_USERNAME, LOGIN_PASSWORD
    }
}
