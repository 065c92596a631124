// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.delivery;

import dev.mailkeep.smtp.auth.AuthenticationVerdict;
import dev.mailkeep.smtp.auth.MessageAuthenticator;
import dev.mailkeep.store.MailboxRole;
import java.util.List;
import java.util.Objects;

/**
 * Decides what happens to a message received on the ingress listener, from its SPF, DKIM and
 * DMARC verdict: DMARC {@code reject} refuses it, {@code quarantine} files it into Junk, anything
 * else into the Inbox, with the Authentication-Results and Received-SPF fields prepended (and
 * forged Authentication-Results claiming this server removed, RFC 8601 section 5). A DNS failure
 * that keeps DMARC from a pass defers the message (4xx) rather than deciding on partial evidence.
 * Clients in a trusted network (by default loopback: local programs) are not checked.
 */
public final class InboundPolicy {
    private final MessageAuthenticator authenticator;
    private final List<Network> trusted;

    private InboundPolicy(MessageAuthenticator authenticator, List<Network> trusted) {
        this.authenticator = authenticator;
        this.trusted = List.copyOf(trusted);
    }

    /** Checks every client outside {@code trusted}. */
    public static InboundPolicy authenticating(MessageAuthenticator authenticator, List<Network> trusted) {
        return new InboundPolicy(Objects.requireNonNull(authenticator, "authenticator"), trusted);
    }

    /** Checks nobody: every message goes to the Inbox as received. For tests and closed setups. */
    public static InboundPolicy acceptingAll() {
        return new InboundPolicy(null, List.of());
    }

    /** Blocks on DNS: call it off the event loop. */
    public Decision decide(InboundMessage message) {
        if (authenticator == null || trusted.stream().anyMatch(n -> n.contains(message.trace().client()))) {
            return new Decision.Deliver(message.content(), MailboxRole.INBOX, null);
        }
        AuthenticationVerdict verdict = authenticator.check(
                message.content(), message.trace().client(), message.trace().heloName(), message.mailFrom());
        if (verdict.temporaryFailure()) {
            return new Decision.Defer(verdict);
        }
        return switch (verdict.disposition()) {
            case REJECT -> new Decision.Reject(verdict);
            case QUARANTINE -> new Decision.Deliver(verdict.applyTo(message.content()), MailboxRole.JUNK, verdict);
            case NONE -> new Decision.Deliver(verdict.applyTo(message.content()), MailboxRole.INBOX, verdict);
        };
    }

    /** What {@link #decide} concluded; {@code verdict} is null when nothing was checked. */
    public sealed interface Decision {
        /** @param content the message to store, with the authentication fields prepended */
        record Deliver(byte[] content, MailboxRole target, AuthenticationVerdict verdict) implements Decision {}

        record Reject(AuthenticationVerdict verdict) implements Decision {}

        record Defer(AuthenticationVerdict verdict) implements Decision {}
    }
}
