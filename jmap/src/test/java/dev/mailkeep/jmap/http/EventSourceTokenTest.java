// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mailkeep.jmap.push.PushType;
import dev.mailkeep.store.AccountId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The EventSource access token's lifetime and the clamping of EventSource parameters (RFC 8620 section 7.3). */
class EventSourceTokenTest {
    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    @Test
    void aTokenWorksForAnHourOnlyAndOnlyFromTheServerThatIssuedIt() {
        AccountId bob = new AccountId("A2");
        String token = new EventSourceToken(Clock.fixed(NOW, ZoneOffset.UTC)).issue(bob);
        EventSourceToken verifier = new EventSourceToken(Clock.fixed(NOW, ZoneOffset.UTC));
        assertEquals(Optional.empty(), verifier.verify(token), "another process's key");

        EventSourceToken issuer = new EventSourceToken(Clock.fixed(NOW, ZoneOffset.UTC));
        String own = issuer.issue(bob);
        assertEquals(Optional.of(bob), issuer.verify(own));
        EventSourceToken later = sameKeyAt(issuer, NOW.plus(Duration.ofMinutes(59)));
        assertEquals(Optional.of(bob), later.verify(own));
        assertEquals(Optional.empty(), sameKeyAt(issuer, NOW.plus(Duration.ofHours(1))).verify(own));
        String longer = own.replaceFirst("\\.[0-9]+\\.", "." + NOW.plus(Duration.ofDays(9)).getEpochSecond() + ".");
        assertEquals(Optional.empty(), issuer.verify(longer), "a stretched expiry breaks the signature");
        assertEquals(Optional.empty(), issuer.verify("garbage"));
        assertEquals(Optional.empty(), issuer.verify("A2.x.%%%"));
    }

    @Test
    void pingIsKeptWithinTheServersBoundsAndAbsentParametersTakeDefaults() {
        assertEquals(Duration.ofSeconds(30), parse("*", "no", "30").ping());
        assertEquals(EventSourceRequest.MAX_PING, parse("*", "no", "86400").ping());
        assertEquals(Duration.ZERO, parse("*", "no", "0").ping());
        EventSourceRequest defaults = EventSourceRequest.parse(null, null, null);
        assertEquals(EnumSet.allOf(PushType.class), defaults.types());
        assertEquals(false, defaults.closeAfterState());
        assertEquals(Duration.ZERO, defaults.ping());
        assertEquals(Set.of(PushType.EMAIL, PushType.EMAIL_DELIVERY), parse("Email,EmailDelivery", "state", "0").types());
        assertThrows(IllegalArgumentException.class, () -> parse("Email,", "no", "0"));
    }

    private static EventSourceRequest parse(String types, String closeAfter, String ping) {
        return EventSourceRequest.parse(List.of(types), List.of(closeAfter), List.of(ping));
    }

    /** A verifier with the issuer's key but another clock. */
    private static EventSourceToken sameKeyAt(EventSourceToken issuer, Instant now) {
        return issuer.at(Clock.fixed(now, ZoneOffset.UTC));
    }
}
