// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store.index;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * Words as Unicode text segmentation finds them (UAX #29, Lucene's standard tokenizer), lowercased.
 * The same tokens as {@code StandardAnalyzer} without stop words, minus its pass-through stop
 * filter: an index written by either reads the same.
 */
final class MailAnalyzer extends Analyzer {
    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        StandardTokenizer tokenizer = new StandardTokenizer();
        return new TokenStreamComponents(tokenizer, new LowerCaseFilter(tokenizer));
    }

    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
        return new LowerCaseFilter(in);
    }
}
