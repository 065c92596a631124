// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.protocol;

import java.util.ArrayList;
import java.util.List;

/**
 * Every reply the Mailkeep SMTP server sends, with its RFC 5321 code and RFC 3463 enhanced status.
 * Session code picks a factory; it never writes reply text itself.
 */
public final class SmtpReplies {
    private SmtpReplies() {}

    private static SmtpReply reply(int code, int c, int s, int d, String text) {
        return new SmtpReply(code, EnhancedStatus.of(c, s, d), text);
    }

    // ---- connection ----------------------------------------------------------------------------

    /** RFC 5321 section 4.3.1: the opening 220, without enhanced status (RFC 2034). */
    public static SmtpReply greeting(String hostname) {
        return new SmtpReply(220, null, hostname + " ESMTP Mailkeep");
    }

    /** RFC 5321 section 4.1.1.1: the EHLO reply, first line the hostname, then one keyword a line. */
    public static SmtpReply ehlo(String hostname, List<String> extensions) {
        List<String> lines = new ArrayList<>();
        lines.add(hostname);
        lines.addAll(extensions);
        return new SmtpReply(250, null, lines);
    }

    public static SmtpReply helo(String hostname) {
        return new SmtpReply(250, null, hostname);
    }

    public static SmtpReply closing(String hostname) {
        return reply(221, 2, 0, 0, hostname + " closing connection");
    }

    /** RFC 5321 section 4.5.3.2: the server gave up waiting for the client. */
    public static SmtpReply timeout(String hostname) {
        return reply(421, 4, 4, 2, hostname + " timeout, closing connection");
    }

    public static SmtpReply shuttingDown(String hostname) {
        return reply(421, 4, 3, 2, hostname + " shutting down");
    }

    // ---- general -------------------------------------------------------------------------------

    public static SmtpReply ok() {
        return reply(250, 2, 0, 0, "Ok");
    }

    /** RFC 5321 section 3.5.3: VRFY is answered without disclosing whether a user exists. */
    public static SmtpReply cannotVerify() {
        return reply(252, 2, 1, 5, "Cannot VRFY user, but will accept message and attempt delivery");
    }

    public static SmtpReply help() {
        return reply(214, 2, 0, 0, "Mailkeep SMTP, see RFC 5321");
    }

    public static SmtpReply unrecognizedCommand() {
        return reply(500, 5, 5, 1, "Command unrecognized");
    }

    public static SmtpReply notImplemented() {
        return reply(502, 5, 5, 1, "Command not implemented");
    }

    /** RFC 5321 section 4.5.3.1.4: a command line longer than 512 octets. */
    public static SmtpReply lineTooLong() {
        return reply(500, 5, 5, 2, "Line too long");
    }

    public static SmtpReply lineNotUtf8() {
        return reply(500, 5, 5, 2, "Command line is not valid UTF-8");
    }

    /** A command whose arguments do not match its syntax; {@code usage} says what was expected. */
    public static SmtpReply syntaxError(String usage) {
        return reply(501, 5, 5, 4, "Syntax: " + usage);
    }

    public static SmtpReply badSequence(String why) {
        return reply(503, 5, 5, 1, why);
    }

    /** RFC 5321 section 4.1.1.11: an unknown MAIL or RCPT parameter. */
    public static SmtpReply unsupportedParameter(String keyword) {
        return reply(555, 5, 5, 4, "Parameter not supported: " + keyword);
    }

    public static SmtpReply localError() {
        return reply(451, 4, 3, 0, "Temporary local problem, try again later");
    }

    // ---- transaction ---------------------------------------------------------------------------

    public static SmtpReply senderOk() {
        return reply(250, 2, 1, 0, "Sender ok");
    }

    public static SmtpReply recipientOk() {
        return reply(250, 2, 1, 5, "Recipient ok");
    }

    public static SmtpReply relayDenied() {
        return reply(550, 5, 7, 1, "Relay access denied");
    }

    public static SmtpReply noSuchUser() {
        return reply(550, 5, 1, 1, "No such user here");
    }

    /** RFC 5321 section 4.5.3.1.10: more recipients than this server buffers in one transaction. */
    public static SmtpReply tooManyRecipients() {
        return reply(452, 4, 5, 3, "Too many recipients");
    }

    /** RFC 6531 section 3.5: a non-ASCII address in a transaction without SMTPUTF8. */
    public static SmtpReply nonAsciiAddress() {
        return reply(553, 5, 6, 7, "Non-ASCII address requires the SMTPUTF8 parameter");
    }

    /** RFC 2920 section 3.1: DATA after every RCPT of the transaction failed. */
    public static SmtpReply noValidRecipients() {
        return reply(554, 5, 5, 1, "No valid recipients");
    }

    public static SmtpReply startData() {
        return new SmtpReply(354, null, "End data with <CR><LF>.<CR><LF>");
    }

    /** RFC 1870: the declared or actual message size exceeds the limit. */
    public static SmtpReply messageTooBig() {
        return reply(552, 5, 3, 4, "Message size exceeds fixed maximum message size");
    }

    public static SmtpReply messageAccepted(String id) {
        return reply(250, 2, 0, 0, "Ok: message accepted, id " + id);
    }

    /** RFC 7489 section 6.6.4 reject, with the RFC 7372 code for failed authentication checks. */
    public static SmtpReply rejectedByDmarc(String policyDomain) {
        return reply(550, 5, 7, 26, "Unauthenticated mail from " + policyDomain
                + " is refused by that domain's DMARC policy");
    }

    /** A DNS failure kept SPF, DKIM or DMARC from an answer: the sender retries later. */
    public static SmtpReply authenticationDeferred() {
        return reply(451, 4, 4, 3, "Temporary DNS failure while checking the sender; try again later");
    }

    /** RFC 3030 section 2: one BDAT chunk received. */
    public static SmtpReply chunkReceived(long octets) {
        return reply(250, 2, 0, 0, octets + " octets received");
    }

    /** RFC 3463 X.3.3: remote recipients need an outbound queue this server does not have. */
    public static SmtpReply remoteDeliveryUnavailable() {
        return reply(550, 5, 3, 3, "Remote delivery is not available on this server");
    }

    /** RFC 4954 section 6 / RFC 6409: submission with a sender the user does not own. */
    public static SmtpReply senderNotOwned() {
        return reply(553, 5, 7, 1, "Sender address not owned by the authenticated user");
    }

    // ---- TLS and authentication ----------------------------------------------------------------

    /** RFC 3207 section 4. */
    public static SmtpReply readyToStartTls() {
        return reply(220, 2, 0, 0, "Ready to start TLS");
    }

    /** CVE-2011-0411: plaintext sent after STARTTLS before the handshake is never obeyed. */
    public static SmtpReply pipelinedAfterStartTls() {
        return reply(554, 5, 5, 1, "Commands pipelined after STARTTLS, closing connection");
    }

    /** RFC 3207 section 4: the command needs TLS first. */
    public static SmtpReply tlsRequired() {
        return reply(530, 5, 7, 0, "Must issue a STARTTLS command first");
    }

    /** RFC 4954 section 6. */
    public static SmtpReply authRequired() {
        return reply(530, 5, 7, 0, "Authentication required");
    }

    /** RFC 4954 section 4: a server challenge, base64 encoded, without enhanced status. */
    public static SmtpReply authChallenge(String base64) {
        return new SmtpReply(334, null, base64);
    }

    public static SmtpReply authSucceeded() {
        return reply(235, 2, 7, 0, "Authentication successful");
    }

    public static SmtpReply authInvalid() {
        return reply(535, 5, 7, 8, "Authentication credentials invalid");
    }

    /** Closing after repeated 535s, so passwords cannot be guessed at line speed. */
    /**
     * RFC 4954 section 6: a temporary refusal while the user or the client address has had too
     * many failed logins recently (the shared limiter); no password was checked.
     */
    public static SmtpReply authThrottled(long retryAfterSeconds) {
        return reply(454, 4, 7, 0, "Too many failed logins, try again in " + retryAfterSeconds + " seconds");
    }

    public static SmtpReply tooManyAuthFailures(String hostname) {
        return reply(421, 4, 7, 0, hostname + " too many failed authentication attempts, closing connection");
    }

    public static SmtpReply authMechanismUnknown() {
        return reply(504, 5, 5, 4, "Unrecognized authentication type");
    }

    public static SmtpReply authCancelled() {
        return reply(501, 5, 0, 0, "Authentication cancelled");
    }

    public static SmtpReply authNotDecodable() {
        return reply(501, 5, 5, 2, "Cannot decode response");
    }
}
