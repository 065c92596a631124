// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A store-level Email/query filter (RFC 8621 section 4.4.1): a tree of operators over conditions.
 * Text conditions match words (all words of the value, in any order); a word ending in {@code *}
 * matches as a prefix and a part in double quotes as a phrase.
 */
public sealed interface EmailFilter {

    /** AND, OR or NOT over sub-filters (RFC 8620 section 5.5 FilterOperator; NOT means "none of"). */
    record Operator(Kind kind, List<EmailFilter> conditions) implements EmailFilter {
        public enum Kind { AND, OR, NOT }

        public Operator {
            Objects.requireNonNull(kind, "kind");
            conditions = List.copyOf(conditions);
        }
    }

    /**
     * One FilterCondition: every non-null field must hold. {@code header} is a header name, or a
     * name and a value the header must contain.
     */
    record Condition(
            MailboxId inMailbox,
            List<MailboxId> inMailboxOtherThan,
            Instant before,
            Instant after,
            Long minSize,
            Long maxSize,
            String allInThreadHaveKeyword,
            String someInThreadHaveKeyword,
            String noneInThreadHaveKeyword,
            String hasKeyword,
            String notKeyword,
            Boolean hasAttachment,
            String text,
            String from,
            String to,
            String cc,
            String bcc,
            String subject,
            String body,
            List<String> header) implements EmailFilter {
        public Condition {
            inMailboxOtherThan = inMailboxOtherThan == null ? null : List.copyOf(inMailboxOtherThan);
            header = header == null ? null : List.copyOf(header);
            if (header != null && (header.isEmpty() || header.size() > 2)) {
                throw new IllegalArgumentException("header takes a name and optionally a value");
            }
        }

        /** A condition with every field null (matches everything); use the {@code with...} methods. */
        public static Condition any() {
            return new Condition(null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                    null, null, null, null, null, null);
        }

        public Condition withInMailbox(MailboxId v) {
            return new Condition(v, inMailboxOtherThan, before, after, minSize, maxSize, allInThreadHaveKeyword,
                    someInThreadHaveKeyword, noneInThreadHaveKeyword, hasKeyword, notKeyword, hasAttachment, text, from,
                    to, cc, bcc, subject, body, header);
        }

        public Condition withText(String v) {
            return new Condition(inMailbox, inMailboxOtherThan, before, after, minSize, maxSize,
                    allInThreadHaveKeyword, someInThreadHaveKeyword, noneInThreadHaveKeyword, hasKeyword, notKeyword,
                    hasAttachment, v, from, to, cc, bcc, subject, body, header);
        }

        public Condition withAllInThreadHaveKeyword(String v) {
            return new Condition(inMailbox, inMailboxOtherThan, before, after, minSize, maxSize, v,
                    someInThreadHaveKeyword, noneInThreadHaveKeyword, hasKeyword, notKeyword, hasAttachment, text, from,
                    to, cc, bcc, subject, body, header);
        }

        public Condition withSomeInThreadHaveKeyword(String v) {
            return new Condition(inMailbox, inMailboxOtherThan, before, after, minSize, maxSize,
                    allInThreadHaveKeyword, v, noneInThreadHaveKeyword, hasKeyword, notKeyword, hasAttachment, text,
                    from, to, cc, bcc, subject, body, header);
        }

        public Condition withHasKeyword(String v) {
            return new Condition(inMailbox, inMailboxOtherThan, before, after, minSize, maxSize,
                    allInThreadHaveKeyword, someInThreadHaveKeyword, noneInThreadHaveKeyword, v, notKeyword,
                    hasAttachment, text, from, to, cc, bcc, subject, body, header);
        }
    }
}
