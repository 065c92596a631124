// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mailkeep.store.model.Account;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Positions in a mailbox listing ({@link MailStore#listingPositions}) against the listing itself. */
interface ListingContract extends StoreFixture {

    /**
     * Every email's position, in every listing and both directions, is its index in the listing
     * read from the top, after deliveries spread from the same millisecond to years apart, moves,
     * keyword changes and destroys.
     */
    @Test
    default void positionsAreTheIndexesOfTheListing() throws Exception {
        Account bob = newAccount("bob@localhost");
        MailboxId inbox = box(bob, MailboxRole.INBOX).id();
        MailboxId archive = box(bob, MailboxRole.ARCHIVE).id();
        Random random = new Random(8620);
        long base = Instant.parse("2019-01-01T00:00:00Z").toEpochMilli();
        List<EmailId> all = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            long at = switch (random.nextInt(5)) {
                case 0 -> base;                                         // many in one millisecond
                case 1 -> base + random.nextInt(64);                    // within one 64 ms span
                case 2 -> base + random.nextInt(20_000);                // seconds apart
                case 3 -> base + (long) random.nextInt(1 << 30) * 8;    // up to months apart
                default -> base + (long) random.nextInt(1 << 30) * 600; // up to twenty years apart
            };
            clock().set(Instant.ofEpochMilli(at));
            all.add(deliverTo(bob, TestMessages.simple("m" + i + "@x", "Message " + i, null)));
        }
        Map<EmailId, EmailUpdate> updates = new HashMap<>();
        for (EmailId id : all) {
            switch (random.nextInt(4)) {
                case 0 -> updates.put(id, new EmailUpdate(null, Map.of(), Set.of(archive), Map.of()));
                case 1 -> updates.put(id, new EmailUpdate(null, Map.of(), Set.of(inbox, archive), Map.of()));
                case 2 -> updates.put(id, EmailUpdate.keywords(Set.of("$seen")));
                default -> { }
            }
        }
        store().updateEmails(bob.id(), updates);
        List<EmailId> destroyed = all.stream().filter(id -> random.nextInt(10) == 0).toList();
        store().destroyEmails(bob.id(), destroyed);

        for (MailboxId mailbox : java.util.Arrays.asList(inbox, archive, null)) {
            for (boolean ascending : new boolean[] {false, true}) {
                List<EmailId> listing = store().queryEmails(bob.id(),
                        new EmailQuery(mailbox, ascending, 0, 10_000)).ids();
                Map<EmailId, Long> expected = new HashMap<>();
                for (int i = 0; i < listing.size(); i++) {
                    expected.put(listing.get(i), (long) i);
                }
                ListingPositions positions = store().listingPositions(bob.id(), mailbox, ascending, all);
                assertEquals(expected, positions.positions(), "mailbox " + mailbox + ", ascending " + ascending);
                assertEquals(listing.size(), positions.total());
                assertEquals(store().state(bob.id(), DataType.EMAIL), positions.queryState());
            }
        }
        assertEquals(Map.of(), store().listingPositions(newAccount("eve@localhost").id(), null, false, all).positions(),
                "another account's emails have no place in eve's listing");
        assertEquals(Map.of(), store().listingPositions(bob.id(), new MailboxId("M999999"), false, all).positions());
    }
}
