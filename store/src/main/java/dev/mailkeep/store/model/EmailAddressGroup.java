// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store.model;

import java.util.List;

/**
 * RFC 8621 section 4.1.2.4 EmailAddressGroup: the display name of an RFC 5322 group (null for
 * mailboxes outside any group) and its addresses in order.
 */
public record EmailAddressGroup(String name, List<EmailAddress> addresses) {
    public EmailAddressGroup {
        addresses = List.copyOf(addresses);
    }
}
