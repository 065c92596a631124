// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * Turns the value of a text condition into a query: every part must match in one of the fields;
 * a part is a word, a word ending in {@code *} (prefix) or a double-quoted phrase.
 */
final class TextQueries {
    private static final Pattern PARTS = Pattern.compile("\"([^\"]*)\"|(\\S+)");

    private final Analyzer analyzer;

    TextQueries(Analyzer analyzer) {
        this.analyzer = analyzer;
    }

    Query query(String value, List<String> fields) {
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        Matcher m = PARTS.matcher(value);
        boolean any = false;
        while (m.find()) {
            boolean phrase = m.group(1) != null;
            String part = phrase ? m.group(1) : m.group(2);
            boolean prefix = !phrase && part.endsWith("*");
            String words = prefix ? part.substring(0, part.length() - 1) : part;
            BooleanQuery.Builder anyField = new BooleanQuery.Builder();
            boolean fieldQuery = false;
            for (String field : fields) {
                Query q = partQuery(field, words, prefix);
                if (q != null) {
                    anyField.add(q, BooleanClause.Occur.SHOULD);
                    fieldQuery = true;
                }
            }
            if (fieldQuery) {
                all.add(anyField.build(), BooleanClause.Occur.FILTER);
                any = true;
            }
        }
        return any ? all.build() : new MatchNoDocsQuery("no words to search for");
    }

    private Query partQuery(String field, String words, boolean prefix) {
        List<String> tokens = tokens(field, words);
        if (tokens.isEmpty()) {
            return null;
        }
        if (tokens.size() == 1) {
            Term term = new Term(field, tokens.getFirst());
            return prefix ? new PrefixQuery(term) : new TermQuery(term);
        }
        PhraseQuery.Builder phrase = new PhraseQuery.Builder();
        tokens.forEach(t -> phrase.add(new Term(field, t)));
        return phrase.build();
    }

    private List<String> tokens(String field, String text) {
        List<String> tokens = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream(field, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                tokens.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tokens;
    }
}
