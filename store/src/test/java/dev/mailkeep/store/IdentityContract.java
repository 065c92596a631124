// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailkeep.store.model.Account;
import dev.mailkeep.store.model.EmailAddress;
import dev.mailkeep.store.model.Identity;
import dev.mailkeep.store.model.VacationResponse;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Identities (RFC 8621 section 6) and the vacation response (section 8). */
interface IdentityContract extends StoreFixture {

    @Test
    default void everyAccountStartsWithItsOwnIdentity() throws Exception {
        Account bob = newAccount("Bob@LocalHost");
        List<Identity> identities = store().identities(bob.id());
        assertEquals(1, identities.size());
        Identity own = identities.getFirst();
        assertEquals("bob@localhost", own.email());
        assertEquals("", own.name());
        assertFalse(own.mayDelete());
        assertEquals(List.of(own.id().value()), since(bob, DataType.IDENTITY, State.INITIAL).created());
    }

    @Test
    default void identitiesMaySendOnlyAsTheAccountsAddress() throws Exception {
        Account bob = newAccount("bob@localhost");
        Account eve = newAccount("eve@localhost");
        IdentityId own = store().identities(bob.id()).getFirst().id();
        Map<String, IdentitySpec> create = new LinkedHashMap<>();
        create.put("work", new IdentitySpec("Bob at work", "BOB@localhost",
                List.of(new EmailAddress(null, "team@localhost")), null, "-- Bob", "<p>Bob</p>"));
        create.put("spoof", new IdentitySpec("Alice", "alice@localhost", null, null, "", ""));
        IdentitySetResult result = store().setIdentities(bob.id(), create, Map.of(), List.of());
        assertEquals(SetFailure.Type.FORBIDDEN_FROM, result.notCreated().get("spoof").type());
        IdentityId work = result.created().get("work");
        Identity stored = store().identities(bob.id()).stream().filter(i -> i.id().equals(work)).findFirst().orElseThrow();
        assertEquals("Bob at work", stored.name());
        assertEquals(List.of(new EmailAddress(null, "team@localhost")), stored.replyTo());
        assertEquals(null, stored.bcc());
        assertEquals("-- Bob", stored.textSignature());
        assertTrue(stored.mayDelete());

        IdentitySetResult second = store().setIdentities(bob.id(), Map.of(),
                Map.of(work, new IdentitySpec("Robert", "bob@localhost", null, null, "", "")), List.of(own, work));
        assertEquals(List.of(work), second.updated());
        assertEquals(List.of(work), second.destroyed());
        assertEquals(SetFailure.Type.FORBIDDEN, second.notDestroyed().get(own).type());
        assertEquals(List.of(own), store().identities(bob.id()).stream().map(Identity::id).toList());

        IdentitySetResult evesTry = store().setIdentities(eve.id(), Map.of(),
                Map.of(work, new IdentitySpec("x", "eve@localhost", null, null, "", "")), List.of());
        assertEquals(SetFailure.Type.NOT_FOUND, evesTry.notUpdated().get(work).type());
    }

    @Test
    default void vacationResponseIsDisabledUntilSetAndLogged() throws Exception {
        Account bob = newAccount("bob@localhost");
        assertEquals(VacationResponse.disabled(), store().vacationResponse(bob.id()));
        State before = store().state(bob.id(), DataType.VACATION_RESPONSE);
        VacationResponse away = new VacationResponse(true, Instant.parse("2026-12-20T00:00:00Z"),
                Instant.parse("2027-01-05T00:00:00Z"), "Away", "Back in January.", null);
        store().setVacationResponse(bob.id(), away);
        assertEquals(away, store().vacationResponse(bob.id()));
        assertEquals(List.of(VacationResponse.ID), since(bob, DataType.VACATION_RESPONSE, before).updated());
    }

    @Test
    default void eachSenderGetsOneAutoReplyPerPeriodWhileTheResponseIsActive() throws Exception {
        Account bob = newAccount("bob@localhost");
        Account eve = newAccount("eve@localhost");
        java.time.Duration week = java.time.Duration.ofDays(7);
        Instant christmas = Instant.parse("2026-12-24T10:00:00Z");
        assertFalse(store().claimVacationReply(bob.id(), "zoe@example.org", christmas, week), "disabled: no reply");

        store().setVacationResponse(bob.id(), new VacationResponse(true, Instant.parse("2026-12-20T00:00:00Z"),
                Instant.parse("2027-01-05T00:00:00Z"), "Away", "Back in January.", null));
        assertFalse(store().claimVacationReply(bob.id(), "zoe@example.org", Instant.parse("2026-12-19T23:59:59Z"), week),
                "before fromDate");
        assertTrue(store().claimVacationReply(bob.id(), "zoe@example.org", christmas, week));
        assertFalse(store().claimVacationReply(bob.id(), "ZOE@example.org", christmas.plusSeconds(3600), week),
                "answered already, whatever the case");
        assertTrue(store().claimVacationReply(bob.id(), "yann@example.org", christmas.plusSeconds(3600), week));
        assertTrue(store().claimVacationReply(bob.id(), "zoe@example.org", christmas.plus(week), week), "a week later");
        assertFalse(store().claimVacationReply(bob.id(), "xavier@example.org", Instant.parse("2027-01-05T00:00:00Z"), week),
                "toDate is exclusive");
        assertFalse(store().claimVacationReply(eve.id(), "zoe@example.org", christmas, week), "eve is not away");
        assertFalse(store().claimVacationReply(new AccountId("A999999"), "zoe@example.org", christmas, week));

        store().setVacationResponse(bob.id(), new VacationResponse(true, null, null, "Away longer", "Back in March.", null));
        assertTrue(store().claimVacationReply(bob.id(), "yann@example.org", christmas.plusSeconds(7200), week),
                "a new text is news to those answered before");
    }
}
