// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store.index;

import dev.mailkeep.store.EmailFilter;
import dev.mailkeep.store.StoreException;
import dev.mailkeep.store.model.Snippet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.highlight.Formatter;
import org.apache.lucene.search.highlight.Highlighter;
import org.apache.lucene.search.highlight.InvalidTokenOffsetsException;
import org.apache.lucene.search.highlight.NullFragmenter;
import org.apache.lucene.search.highlight.QueryScorer;
import org.apache.lucene.search.highlight.SimpleHTMLEncoder;
import org.apache.lucene.search.highlight.SimpleHTMLFormatter;
import org.apache.lucene.search.highlight.SimpleSpanFragmenter;

/**
 * SearchSnippet/get (RFC 8621 section 5): highlights what an {@link EmailFilter}'s text conditions
 * match in a subject and a body text, with Lucene's highlighter over the very query Email/query
 * searches with ({@link FilterQueries}), analysed as the index analyses. Conditions on mailboxes
 * and keywords have no words and highlight nothing.
 */
public final class Snippets {
    /** RFC 8621 section 5: the preview is at most 255 octets in UTF-8. */
    private static final int MAX_PREVIEW_OCTETS = 255;
    private static final int[] FRAGMENT_CHARS = {120, 80, 40, 20};

    private final StandardAnalyzer analyzer = new StandardAnalyzer(CharArraySet.EMPTY_SET);
    private final Query query;

    public Snippets(EmailFilter filter) {
        this.query = new FilterQueries(new TextQueries(analyzer), condition -> null).query(filter);
    }

    /** The snippet of one email; its parts are null where nothing matched. */
    public Snippet of(String subject, String bodyText) {
        return new Snippet(subject(subject), preview(bodyText));
    }

    private String subject(String subject) {
        if (subject == null || subject.isEmpty()) {
            return null;
        }
        Highlighter highlighter = highlighter(EmailDocument.SUBJECT);
        highlighter.setTextFragmenter(new NullFragmenter());
        return best(highlighter, EmailDocument.SUBJECT, subject);
    }

    private String preview(String body) {
        if (body == null || body.isEmpty()) {
            return null;
        }
        for (int chars : FRAGMENT_CHARS) {
            QueryScorer scorer = new QueryScorer(query, EmailDocument.BODY);
            Highlighter highlighter = highlighter(scorer);
            highlighter.setTextFragmenter(new SimpleSpanFragmenter(scorer, chars));
            String fragment = best(highlighter, EmailDocument.BODY, body);
            if (fragment == null) {
                return null;
            }
            fragment = fragment.strip().replaceAll("\\s+", " ");
            if (fragment.getBytes(StandardCharsets.UTF_8).length <= MAX_PREVIEW_OCTETS) {
                return fragment;
            }
        }
        return null;
    }

    private Highlighter highlighter(String field) {
        return highlighter(new QueryScorer(query, field));
    }

    private static Highlighter highlighter(QueryScorer scorer) {
        Formatter mark = new SimpleHTMLFormatter("<mark>", "</mark>");
        return new Highlighter(mark, new SimpleHTMLEncoder(), scorer);
    }

    private String best(Highlighter highlighter, String field, String text) {
        highlighter.setMaxDocCharsToAnalyze(text.length());
        try {
            return highlighter.getBestFragment(analyzer, field, text);
        } catch (IOException | InvalidTokenOffsetsException e) {
            throw new StoreException("cannot highlight " + field, e);
        }
    }
}
