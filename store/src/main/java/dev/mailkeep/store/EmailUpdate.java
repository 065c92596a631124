// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A change to the mutable properties of one email (RFC 8621 section 4.6, Email/set update):
 * keywords and mailboxIds, each either replaced whole or patched one entry at a time (the JMAP
 * {@code keywords/$seen: true} and {@code mailboxIds/M1: null} forms). A null replacement means
 * "unchanged"; a patch applies after the replacement.
 *
 * @param keywords the new keyword set, or null
 * @param keywordPatch keyword to true (add) or false (remove)
 * @param mailboxIds the new mailbox set, or null
 * @param mailboxPatch mailbox to true (add) or false (remove)
 */
public record EmailUpdate(
        Set<String> keywords,
        Map<String, Boolean> keywordPatch,
        Set<MailboxId> mailboxIds,
        Map<MailboxId, Boolean> mailboxPatch) {
    public EmailUpdate {
        keywords = keywords == null ? null : Set.copyOf(keywords);
        keywordPatch = Map.copyOf(keywordPatch);
        mailboxIds = mailboxIds == null ? null : Set.copyOf(mailboxIds);
        mailboxPatch = Map.copyOf(mailboxPatch);
    }

    public static EmailUpdate keywords(Set<String> keywords) {
        return new EmailUpdate(keywords, Map.of(), null, Map.of());
    }

    public static EmailUpdate keyword(String keyword, boolean set) {
        return new EmailUpdate(null, Map.of(keyword, set), null, Map.of());
    }

    public static EmailUpdate mailboxes(Set<MailboxId> mailboxIds) {
        return new EmailUpdate(null, Map.of(), mailboxIds, Map.of());
    }

    public static EmailUpdate mailbox(MailboxId mailbox, boolean in) {
        return new EmailUpdate(null, Map.of(), null, Map.of(mailbox, in));
    }

    /** This update followed by {@code next}'s patches and replacements. */
    public EmailUpdate and(EmailUpdate next) {
        Map<String, Boolean> kp = new LinkedHashMap<>(next.keywords == null ? keywordPatch : Map.of());
        kp.putAll(next.keywordPatch);
        Map<MailboxId, Boolean> mp = new LinkedHashMap<>(next.mailboxIds == null ? mailboxPatch : Map.of());
        mp.putAll(next.mailboxPatch);
        return new EmailUpdate(next.keywords != null ? next.keywords : keywords, kp,
                next.mailboxIds != null ? next.mailboxIds : mailboxIds, mp);
    }
}
