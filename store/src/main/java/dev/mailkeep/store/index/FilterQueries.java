// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store.index;

import static org.apache.lucene.search.BooleanClause.Occur.FILTER;
import static org.apache.lucene.search.BooleanClause.Occur.MUST_NOT;
import static org.apache.lucene.search.BooleanClause.Occur.SHOULD;

import dev.mailkeep.store.EmailFilter;
import java.util.List;
import java.util.Locale;
import java.util.function.LongPredicate;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.queries.function.FunctionMatchQuery;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.LongValuesSource;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * Translates an {@link EmailFilter} (RFC 8621 section 4.4.1) into one Lucene query. Immutable
 * conditions become index queries; mailbox and keyword conditions become a per-document test
 * against the store (a {@link FunctionMatchQuery} on the email number), so NOT and OR compose
 * over both kinds.
 */
final class FilterQueries {
    private static final List<String> TEXT_FIELDS = List.of(EmailDocument.FROM, EmailDocument.TO, EmailDocument.CC,
            EmailDocument.BCC, EmailDocument.SUBJECT, EmailDocument.BODY, EmailDocument.ATTACHMENT_NAMES);

    private final TextQueries text;
    private final MutableMatcher mutable;

    FilterQueries(TextQueries text, MutableMatcher mutable) {
        this.text = text;
        this.mutable = mutable;
    }

    Query query(EmailFilter filter) {
        return switch (filter) {
            case null -> new MatchAllDocsQuery();
            case EmailFilter.Operator op -> operator(op);
            case EmailFilter.Condition c -> condition(c);
        };
    }

    private Query operator(EmailFilter.Operator op) {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        switch (op.kind()) {
            case AND -> op.conditions().forEach(f -> b.add(query(f), FILTER));
            case OR -> {
                op.conditions().forEach(f -> b.add(query(f), SHOULD));
                b.setMinimumNumberShouldMatch(op.conditions().isEmpty() ? 0 : 1);
            }
            case NOT -> {
                b.add(new MatchAllDocsQuery(), FILTER);
                op.conditions().forEach(f -> b.add(query(f), MUST_NOT));
            }
        }
        return b.build();
    }

    private Query condition(EmailFilter.Condition c) {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        b.add(new MatchAllDocsQuery(), FILTER);
        if (c.before() != null) {
            b.add(LongPoint.newRangeQuery(EmailDocument.RECEIVED_POINT, Long.MIN_VALUE, c.before().toEpochMilli() - 1), FILTER);
        }
        if (c.after() != null) {
            b.add(LongPoint.newRangeQuery(EmailDocument.RECEIVED_POINT, c.after().toEpochMilli(), Long.MAX_VALUE), FILTER);
        }
        if (c.minSize() != null) {
            b.add(LongPoint.newRangeQuery(EmailDocument.SIZE_POINT, c.minSize(), Long.MAX_VALUE), FILTER);
        }
        if (c.maxSize() != null) {
            b.add(LongPoint.newRangeQuery(EmailDocument.SIZE_POINT, Long.MIN_VALUE, c.maxSize() - 1), FILTER);
        }
        if (c.hasAttachment() != null) {
            b.add(new TermQuery(new Term(EmailDocument.ATTACHMENT, c.hasAttachment() ? "1" : "0")), FILTER);
        }
        addText(b, c.text(), TEXT_FIELDS);
        addText(b, c.from(), List.of(EmailDocument.FROM));
        addText(b, c.to(), List.of(EmailDocument.TO));
        addText(b, c.cc(), List.of(EmailDocument.CC));
        addText(b, c.bcc(), List.of(EmailDocument.BCC));
        addText(b, c.subject(), List.of(EmailDocument.SUBJECT));
        addText(b, c.body(), List.of(EmailDocument.BODY));
        if (c.header() != null) {
            String name = c.header().getFirst().toLowerCase(Locale.ROOT);
            b.add(new TermQuery(new Term(EmailDocument.HEADER_NAME, name)), FILTER);
            if (c.header().size() == 2) {
                addText(b, c.header().get(1), List.of(EmailDocument.HEADER_FIELDS.getOrDefault(name,
                        EmailDocument.HEADER_PREFIX + name)));
            }
        }
        LongPredicate test = mutable.mutablePart(c);
        if (test != null) {
            b.add(new FunctionMatchQuery(LongValuesSource.fromLongField(EmailDocument.NUM).toDoubleValuesSource(),
                    value -> test.test((long) value)), FILTER);
        }
        return b.build();
    }

    private void addText(BooleanQuery.Builder b, String value, List<String> fields) {
        if (value != null) {
            b.add(text.query(value, fields), FILTER);
        }
    }
}
