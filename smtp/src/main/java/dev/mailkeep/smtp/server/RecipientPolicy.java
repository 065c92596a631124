// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.server;

import dev.mailkeep.smtp.delivery.LocalAddresses;
import dev.mailkeep.smtp.delivery.LocalRecipient;
import dev.mailkeep.smtp.protocol.Mailbox;
import dev.mailkeep.smtp.protocol.SmtpReplies;
import dev.mailkeep.smtp.protocol.SmtpReply;
import dev.mailkeep.store.MailStore;

/**
 * Which RCPT addresses a listener accepts. Only addresses of served domains that a local account
 * owns are accepted: ingress refuses every other domain as relaying (never an open relay); a
 * submission listener refuses them because there is no outbound queue to send them through yet.
 */
final class RecipientPolicy {
    sealed interface Decision {
        record Accept(LocalRecipient recipient) implements Decision {}

        record Refuse(SmtpReply reply) implements Decision {}
    }

    private RecipientPolicy() {}

    /** The decision that needs no store lookup, or null when the address is in a served domain. */
    static Decision.Refuse byDomain(SmtpSettings settings, SmtpMode mode, Mailbox recipient) {
        if (!recipient.isDomainLiteral() && settings.serves(recipient.domain())) {
            return null;
        }
        return new Decision.Refuse(mode == SmtpMode.INGRESS
                ? SmtpReplies.relayDenied()
                : SmtpReplies.remoteDeliveryUnavailable());
    }

    /** Looks the address up in the store ({@link LocalAddresses}); blocks, so it runs off the event loop. */
    static Decision byAccount(MailStore store, Mailbox recipient) {
        String address = recipient.address();
        return LocalAddresses.lookup(store, address, recipient.domain())
                .<Decision>map(account -> new Decision.Accept(new LocalRecipient(address, account)))
                .orElseGet(() -> new Decision.Refuse(SmtpReplies.noSuchUser()));
    }
}
