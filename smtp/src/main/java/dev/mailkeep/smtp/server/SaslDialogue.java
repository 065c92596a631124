// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.server;

import dev.mailkeep.smtp.protocol.Sasl;
import dev.mailkeep.smtp.protocol.SmtpCommand.Auth;
import dev.mailkeep.smtp.protocol.SmtpReplies;
import dev.mailkeep.smtp.protocol.SmtpReply;
import dev.mailkeep.smtp.server.SessionState.Authenticating;
import dev.mailkeep.smtp.server.SessionState.Idle;
import dev.mailkeep.smtp.server.SessionState.SaslStep;

/**
 * The steps of an AUTH exchange (RFC 4954 section 4) for PLAIN (RFC 4616) and LOGIN, as pure
 * functions from the session state and the client's line to the next step. Checking the
 * credentials is left to the caller, which does it off the event loop.
 */
final class SaslDialogue {
    /** What the session does next. */
    sealed interface Step {
        /** Send {@code reply} and continue in {@code next}. */
        record Reply(SmtpReply reply, SessionState next) implements Step {}

        /** Check these credentials; the session is back in {@code next} whatever the result. */
        record Verify(Sasl.Credentials credentials, Idle next) implements Step {}
    }

    private SaslDialogue() {}

    /** The AUTH command itself, with or without an initial response. */
    static Step start(Idle idle, Auth auth) {
        String initial = auth.initialResponse();
        return switch (auth.mechanism()) {
            case "PLAIN" -> initial == null
                    ? new Step.Reply(SmtpReplies.authChallenge(""), new Authenticating(idle.hello(), SaslStep.PLAIN_MESSAGE, null))
                    : plain(idle, initial);
            case "LOGIN" -> initial == null
                    ? new Step.Reply(SmtpReplies.authChallenge(Sasl.LOGIN_USERNAME_PROMPT),
                            new Authenticating(idle.hello(), SaslStep.LOGIN_USERNAME, null))
                    : loginUsername(idle, initial);
            default -> new Step.Reply(SmtpReplies.authMechanismUnknown(), idle);
        };
    }

    /** A response line to a 334 challenge; {@code *} cancels the exchange. */
    static Step respond(Authenticating auth, String line) {
        Idle idle = new Idle(auth.hello());
        if (line.equals(Sasl.CANCEL)) {
            return new Step.Reply(SmtpReplies.authCancelled(), idle);
        }
        return switch (auth.step()) {
            case PLAIN_MESSAGE -> plain(idle, line);
            case LOGIN_USERNAME -> loginUsername(idle, line);
            case LOGIN_PASSWORD -> Sasl.decode(line)
                    .<Step>map(password -> new Step.Verify(new Sasl.Credentials(auth.username(), password), idle))
                    .orElseGet(() -> notDecodable(idle));
        };
    }

    private static Step plain(Idle idle, String response) {
        return Sasl.plain(response)
                .<Step>map(credentials -> new Step.Verify(credentials, idle))
                .orElseGet(() -> notDecodable(idle));
    }

    private static Step loginUsername(Idle idle, String response) {
        return Sasl.decode(response)
                .filter(name -> name.length > 0)
                .<Step>map(name -> new Step.Reply(SmtpReplies.authChallenge(Sasl.LOGIN_PASSWORD_PROMPT),
                        new Authenticating(idle.hello(), SaslStep.LOGIN_PASSWORD, new String(name))))
                .orElseGet(() -> notDecodable(idle));
    }

    private static Step notDecodable(Idle idle) {
        return new Step.Reply(SmtpReplies.authNotDecodable(), idle);
    }
}
