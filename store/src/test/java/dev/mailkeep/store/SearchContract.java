// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store;

import static dev.mailkeep.store.TestMessages.crlf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mailkeep.store.EmailFilter.Condition;
import dev.mailkeep.store.EmailFilter.Operator;
import dev.mailkeep.store.model.Account;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Email/query with filters and sorts (RFC 8621 section 4.4) over the realistic test messages. */
interface SearchContract extends StoreFixture {

    /** Delivers the test messages one minute apart, oldest first, and names them. */
    private Map<String, EmailId> corpus(Account bob) {
        Map<String, EmailId> ids = new LinkedHashMap<>();
        ids.put("multipart", deliverTo(bob, crlf(TestMessages.MULTIPART)));
        clock().advanceSeconds(60);
        ids.put("qp", deliverTo(bob, crlf(TestMessages.QUOTED_PRINTABLE)));
        clock().advanceSeconds(60);
        ids.put("base64", deliverTo(bob, crlf(TestMessages.BASE64_NO_DATE)));
        clock().advanceSeconds(60);
        ids.put("utf8", deliverTo(bob, crlf(TestMessages.RAW_UTF8)));
        clock().advanceSeconds(60);
        ids.put("html", deliverTo(bob, crlf(TestMessages.HTML_ONLY)));
        return ids;
    }

    private List<EmailId> search(Account account, EmailFilter filter, EmailSort... sort) {
        QueryResult result = store().searchEmails(account.id(), new EmailSearch(filter, List.of(sort), 0, 100));
        assertEquals(result.ids().size(), result.total(), "total must equal the number of matches");
        return result.ids();
    }

    private static Condition text(String value) {
        return Condition.any().withText(value);
    }

    private static List<EmailId> of(Map<String, EmailId> ids, String... names) {
        List<EmailId> out = new ArrayList<>();
        for (String name : names) {
            out.add(ids.get(name));
        }
        return out;
    }

    @Test
    default void textFindsWordsInEveryPartOfTheMessage() throws Exception {
        Account bob = newAccount("bob@localhost");
        Map<String, EmailId> ids = corpus(bob);
        assertEquals(of(ids, "multipart"), search(bob, text("attached")));
        assertEquals(of(ids, "multipart"), search(bob, text("quarterly")));
        assertEquals(of(ids, "multipart"), search(bob, text("report.pdf")));
        assertEquals(of(ids, "qp"), search(bob, text("jürgen")));
        assertEquals(of(ids, "qp"), search(bob, text("Köln")));
        assertEquals(of(ids, "base64"), search(bob, text("crème brûlée")));
        assertEquals(of(ids, "utf8"), search(bob, text("\"会議\"")));
        assertEquals(of(ids, "html"), search(bob, text("chips")));
        assertEquals(List.of(), search(bob, text("color")), "style sheets are not text");
        assertEquals(List.of(), search(bob, text("nonexistentword")));
    }

    @Test
    default void prefixPhraseAndFieldConditions() throws Exception {
        Account bob = newAccount("bob@localhost");
        Map<String, EmailId> ids = corpus(bob);
        assertEquals(of(ids, "multipart"), search(bob, text("quart*")));
        assertEquals(of(ids, "multipart"), search(bob, text("\"report attached\"")));
        assertEquals(List.of(), search(bob, text("\"attached report\"")));
        assertEquals(of(ids, "multipart"), search(bob, text("attached report")));
        Condition fromAlice = new Condition(null, null, null, null, null, null, null, null, null, null, null, null,
                null, "alice", null, null, null, null, null, null);
        assertEquals(of(ids, "multipart"), search(bob, fromAlice));
        Condition subjectReport = new Condition(null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, "report", null, null);
        assertEquals(of(ids, "multipart"), search(bob, subjectReport));
        Condition bodyReport = new Condition(null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, "quarterly", null);
        assertEquals(List.of(), search(bob, bodyReport), "the word is only in the subject");
        Condition toCarol = new Condition(null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, "carol@example.net", null, null, null, null, null);
        assertEquals(of(ids, "multipart"), search(bob, toCarol));
        Condition header = new Condition(null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, List.of("In-Reply-To"));
        assertEquals(of(ids, "qp"), search(bob, header));
        Condition headerValue = new Condition(null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, List.of("Reply-To", "replies@example.org"));
        assertEquals(of(ids, "multipart"), search(bob, headerValue));
    }

    @Test
    default void immutableFiltersAndOperators() throws Exception {
        Account bob = newAccount("bob@localhost");
        Map<String, EmailId> ids = corpus(bob);
        Condition attachments = new Condition(null, null, null, null, null, null, null, null, null, null, null, true,
                null, null, null, null, null, null, null, null);
        assertEquals(of(ids, "multipart"), search(bob, attachments));
        Condition window = new Condition(null, null, Instant.parse("2026-11-20T10:03:00Z"),
                Instant.parse("2026-11-20T10:01:00Z"), null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null);
        assertEquals(of(ids, "base64", "qp"), search(bob, window));
        long qpSize = get(bob, ids.get("qp")).size();
        Condition exactSize = new Condition(null, null, null, null, qpSize, qpSize + 1, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null);
        assertEquals(of(ids, "qp"), search(bob, exactSize));
        assertEquals(of(ids, "html", "utf8", "qp"), search(bob,
                new Operator(Operator.Kind.NOT, List.of(text("alice"), text("café")))));
        assertEquals(of(ids, "html", "multipart"), search(bob,
                new Operator(Operator.Kind.OR, List.of(text("chips"), text("quarterly")))));
        assertEquals(List.of(), search(bob, new Operator(Operator.Kind.AND, List.of(text("chips"), text("quarterly")))));
    }

    @Test
    default void keywordAndMailboxFiltersFollowUpdatesWithoutReindexing() throws Exception {
        Account bob = newAccount("bob@localhost");
        Map<String, EmailId> ids = corpus(bob);
        MailboxId inbox = box(bob, MailboxRole.INBOX).id();
        MailboxId archive = box(bob, MailboxRole.ARCHIVE).id();
        store().updateEmails(bob.id(), Map.of(ids.get("qp"), EmailUpdate.keyword("$flagged", true),
                ids.get("html"), EmailUpdate.mailboxes(Set.of(archive))));
        assertEquals(of(ids, "qp"), search(bob, Condition.any().withHasKeyword("$Flagged")));
        assertEquals(of(ids, "html"), search(bob, Condition.any().withInMailbox(archive)));
        assertEquals(of(ids, "html"), search(bob, Condition.any().withInMailbox(archive).withText("chips")));
        assertEquals(List.of(), search(bob, Condition.any().withInMailbox(inbox).withText("chips")));
        Condition otherThanInbox = new Condition(null, List.of(inbox), null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null);
        assertEquals(of(ids, "html"), search(bob, otherThanInbox));
        Condition unflagged = new Condition(null, null, null, null, null, null, null, null, null, null, "$flagged",
                null, null, null, null, null, null, null, null, null);
        assertEquals(of(ids, "html", "utf8", "base64", "multipart"), search(bob, unflagged));
        Condition someFlagged = new Condition(null, null, null, null, null, null, null, "$flagged", null, null, null,
                null, null, null, null, null, null, null, null, null);
        assertEquals(of(ids, "qp"), search(bob, someFlagged));
    }

    @Test
    default void sortsWithPositionLimitAndTotal() throws Exception {
        Account bob = newAccount("bob@localhost");
        Map<String, EmailId> ids = corpus(bob);
        assertEquals(of(ids, "html", "utf8", "base64", "qp", "multipart"), search(bob, null,
                new EmailSort(EmailSort.Property.RECEIVED_AT, false), new EmailSort(EmailSort.Property.SIZE, true)));
        assertEquals(of(ids, "base64", "qp", "multipart", "html", "utf8"),
                search(bob, null, new EmailSort(EmailSort.Property.SUBJECT, true)));
        assertEquals(of(ids, "multipart", "base64", "qp", "html", "utf8"),
                search(bob, null, new EmailSort(EmailSort.Property.FROM, true)));
        List<EmailId> bySize = search(bob, null, new EmailSort(EmailSort.Property.SIZE, false));
        for (int i = 1; i < bySize.size(); i++) {
            assertEquals(true, get(bob, bySize.get(i - 1)).size() >= get(bob, bySize.get(i)).size());
        }
        // no Date first; 07:00+09:00 on the 5th is 22:00Z on the 4th, before 18:00-05:00 (23:00Z)
        assertEquals(of(ids, "base64", "multipart", "utf8", "qp", "html"),
                search(bob, null, new EmailSort(EmailSort.Property.SENT_AT, true)));
        QueryResult page = store().searchEmails(bob.id(), new EmailSearch(text("bob"), List.of(
                new EmailSort(EmailSort.Property.RECEIVED_AT, true)), 1, 2));
        assertEquals(of(ids, "base64", "utf8"), page.ids());
        assertEquals(4, page.total());
        assertEquals(1, page.position());
        assertEquals(store().state(bob.id(), DataType.EMAIL), page.queryState());
    }

    /**
     * RFC 8621 section 4.4.2 keyword sorts, answered from the rows (keywords are not indexed):
     * without the keyword first when ascending, ties broken by the next comparator.
     */
    @Test
    default void keywordSortsFollowUpdatesWithoutReindexing() throws Exception {
        Account bob = newAccount("bob@localhost");
        Map<String, EmailId> ids = corpus(bob);
        clock().advanceSeconds(60);
        ids.put("plan", deliverTo(bob, TestMessages.simple("plan-1@example.org", "Plan", null)));
        clock().advanceSeconds(60);
        ids.put("re-plan", deliverTo(bob, TestMessages.simple("plan-2@example.org", "Re: Plan", "plan-1@example.org")));
        assertEquals(get(bob, ids.get("plan")).threadId(), get(bob, ids.get("re-plan")).threadId());
        store().updateEmails(bob.id(), Map.of(ids.get("qp"), EmailUpdate.keyword("$flagged", true),
                ids.get("re-plan"), EmailUpdate.keyword("$flagged", true)));
        EmailSort oldestFirst = new EmailSort(EmailSort.Property.RECEIVED_AT, true);

        assertEquals(of(ids, "qp", "re-plan", "multipart", "base64", "utf8", "html", "plan"), search(bob, null,
                new EmailSort(EmailSort.Property.HAS_KEYWORD, false, "$flagged"), oldestFirst));
        assertEquals(of(ids, "multipart", "base64", "utf8", "html", "plan", "qp", "re-plan"), search(bob, null,
                new EmailSort(EmailSort.Property.HAS_KEYWORD, true, "$flagged"), oldestFirst));
        assertEquals(of(ids, "qp", "plan", "re-plan", "multipart", "base64", "utf8", "html"), search(bob, null,
                new EmailSort(EmailSort.Property.SOME_IN_THREAD_HAVE_KEYWORD, false, "$flagged"), oldestFirst));
        assertEquals(of(ids, "qp", "multipart", "base64", "utf8", "html", "plan", "re-plan"), search(bob, null,
                new EmailSort(EmailSort.Property.ALL_IN_THREAD_HAVE_KEYWORD, false, "$flagged"), oldestFirst));

        store().updateEmails(bob.id(), Map.of(ids.get("plan"), EmailUpdate.keyword("$flagged", true),
                ids.get("qp"), EmailUpdate.keyword("$flagged", false)));
        assertEquals(of(ids, "plan", "re-plan", "multipart", "qp", "base64", "utf8", "html"), search(bob, null,
                new EmailSort(EmailSort.Property.ALL_IN_THREAD_HAVE_KEYWORD, false, "$flagged"), oldestFirst));
        assertEquals(of(ids, "plan", "re-plan"), search(bob, text("body"),
                new EmailSort(EmailSort.Property.HAS_KEYWORD, false, "$flagged"), oldestFirst),
                "a keyword sort combines with a text filter");
    }

    @Test
    default void searchSeesOnlyTheAccountsOwnLivingEmails() throws Exception {
        Account bob = newAccount("bob@localhost");
        Account eve = newAccount("eve@localhost");
        Map<String, EmailId> ids = corpus(bob);
        assertEquals(List.of(), search(eve, text("quarterly")));
        assertEquals(List.of(), search(eve, null));
        store().destroyEmails(bob.id(), List.of(ids.get("multipart")));
        assertEquals(List.of(), search(bob, text("quarterly")));
        assertEquals(4, store().searchEmails(bob.id(), new EmailSearch(null, List.of(), 0, 10)).total());
    }
}
