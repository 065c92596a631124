// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.server;

import dev.mailkeep.smtp.delivery.LocalRecipient;
import dev.mailkeep.smtp.protocol.MailParameters;
import dev.mailkeep.smtp.protocol.Mailbox;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The envelope of one mail transaction (RFC 5321 section 3.3) as far as it has been accepted.
 *
 * @param id the transaction id, quoted in the Received header and the final 250 reply
 */
record Envelope(String id, Optional<Mailbox> sender, MailParameters parameters, List<LocalRecipient> recipients) {
    Envelope {
        recipients = List.copyOf(recipients);
    }

    Envelope withRecipient(LocalRecipient recipient) {
        List<LocalRecipient> more = new ArrayList<>(recipients);
        more.add(recipient);
        return new Envelope(id, sender, parameters, more);
    }

    boolean hasRecipient(String address) {
        return recipients.stream().anyMatch(r -> r.address().equalsIgnoreCase(address));
    }

    /** The reverse-path address, empty for {@code <>}. */
    String mailFrom() {
        return sender.map(Mailbox::address).orElse("");
    }
}
