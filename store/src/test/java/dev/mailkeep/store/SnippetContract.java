// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store;

import static dev.mailkeep.store.TestMessages.crlf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mailkeep.store.EmailFilter.Condition;
import dev.mailkeep.store.model.Account;
import dev.mailkeep.store.model.Snippet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SearchSnippet/get (RFC 8621 section 5): matches marked in the subject and a body section. */
interface SnippetContract extends StoreFixture {
    String ESCAPES = """
            Subject: Fish & chips <tonight>
            Content-Type: text/plain; charset=utf-8

            We could have fish & chips at "The Anchor" <pub>, then walk home.
            """;

    private static Condition condition(String subject, String body, String text) {
        return new Condition(null, null, null, null, null, null, null, null, null, null, null, null, text, null, null,
                null, null, subject, body, null);
    }

    @Test
    default void textMatchesAreMarkedInSubjectAndPreviewAndTheRestIsEscaped() throws Exception {
        Account bob = newAccount("bob@localhost");
        EmailId id = deliverTo(bob, crlf(ESCAPES));

        Snippet snippet = store().snippets(bob.id(), Condition.any().withText("fish"), List.of(id)).get(id);

        assertEquals("<mark>Fish</mark> &amp; chips &lt;tonight&gt;", snippet.subject());
        assertEquals("We could have <mark>fish</mark> &amp; chips at &quot;The Anchor&quot; &lt;pub&gt;, then walk home.",
                snippet.preview());
    }

    @Test
    default void subjectAndBodyConditionsMarkOnlyTheirOwnPartAndNoMatchIsNull() throws Exception {
        Account bob = newAccount("bob@localhost");
        EmailId id = deliverTo(bob, crlf(TestMessages.MULTIPART));

        Snippet subjectOnly = store().snippets(bob.id(), condition("report", null, null), List.of(id)).get(id);
        assertEquals(new Snippet("Quarterly <mark>report</mark>", null), subjectOnly);

        Snippet bodyOnly = store().snippets(bob.id(), condition(null, "report", null), List.of(id)).get(id);
        assertEquals(null, bodyOnly.subject());
        assertEquals("Hello Bob, please find the <mark>report</mark> attached. Alice", bodyOnly.preview());

        Snippet phrase = store().snippets(bob.id(), Condition.any().withText("\"find the report\""), List.of(id)).get(id);
        assertEquals(null, phrase.subject());
        assertEquals("Hello Bob, please <mark>find</mark> <mark>the</mark> <mark>report</mark> attached. Alice",
                phrase.preview());

        assertEquals(new Snippet(null, null),
                store().snippets(bob.id(), Condition.any().withText("zebra"), List.of(id)).get(id));
        assertEquals(new Snippet(null, null), store().snippets(bob.id(), null, List.of(id)).get(id));
    }

    @Test
    default void emailsOfOtherAccountsAreAbsentAndLongBodiesGiveAShortSection() throws Exception {
        Account bob = newAccount("bob@localhost");
        Account eve = newAccount("eve@localhost");
        String filler = "lorem ipsum dolor sit amet ".repeat(40);
        EmailId id = deliverTo(bob, crlf("Subject: long\n\n" + filler + "needle " + filler + "\n"));

        Map<EmailId, Snippet> found = store().snippets(bob.id(), Condition.any().withText("needle"),
                List.of(id, new EmailId("E99")));
        assertEquals(List.of(id), List.copyOf(found.keySet()));
        String preview = found.get(id).preview();
        assertEquals(true, preview.contains("<mark>needle</mark>"), preview);
        assertEquals(true, preview.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 255, preview);
        assertEquals(Map.of(), store().snippets(eve.id(), Condition.any().withText("needle"), List.of(id)));
    }
}
