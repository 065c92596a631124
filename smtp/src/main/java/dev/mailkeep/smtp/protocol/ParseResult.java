// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.protocol;

/** What {@link CommandParser} made of a line: a command, or the reply that rejects the line. */
public sealed interface ParseResult {
    record Parsed(SmtpCommand command) implements ParseResult {}

    record Invalid(SmtpReply reply) implements ParseResult {}
}
