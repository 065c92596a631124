// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store.index;

import java.io.IOException;
import java.util.function.LongPredicate;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.search.FieldComparator;
import org.apache.lucene.search.FieldComparatorSource;
import org.apache.lucene.search.LeafFieldComparator;
import org.apache.lucene.search.Pruning;
import org.apache.lucene.search.Scorable;

/**
 * Orders hits by a yes/no answer about each email that the index does not hold: the keyword sorts
 * of RFC 8621 section 4.4.2 ({@code hasKeyword}, {@code allInThreadHaveKeyword},
 * {@code someInThreadHaveKeyword}), whose answers live in the store's rows because keywords change
 * without re-indexing. "No" sorts before "yes" when ascending. The answer is asked once per hit
 * that reaches the comparator, through the email number kept as doc values.
 */
final class YesNoOrder extends FieldComparatorSource {
    private final LongPredicate test;

    YesNoOrder(LongPredicate test) {
        this.test = test;
    }

    @Override
    public FieldComparator<Integer> newComparator(String field, int numHits, Pruning pruning, boolean reversed) {
        return new Comparator(numHits);
    }

    private final class Comparator extends FieldComparator<Integer> {
        private final int[] slots;
        private int bottom;
        private int top;

        Comparator(int numHits) {
            slots = new int[numHits];
        }

        @Override
        public int compare(int slot1, int slot2) {
            return Integer.compare(slots[slot1], slots[slot2]);
        }

        @Override
        public void setTopValue(Integer value) {
            top = value;
        }

        @Override
        public Integer value(int slot) {
            return slots[slot];
        }

        @Override
        public LeafFieldComparator getLeafComparator(LeafReaderContext context) throws IOException {
            NumericDocValues numbers = DocValues.getNumeric(context.reader(), EmailDocument.NUM);
            return new LeafFieldComparator() {
                private int lastDoc = -1;
                private int lastAnswer;

                /** The answer for a document; the collector asks twice for most documents, the store once. */
                private int answer(int doc) throws IOException {
                    if (doc != lastDoc) {
                        lastDoc = doc;
                        lastAnswer = numbers.advanceExact(doc) && test.test(numbers.longValue()) ? 1 : 0;
                    }
                    return lastAnswer;
                }

                @Override
                public void setBottom(int slot) {
                    bottom = slots[slot];
                }

                @Override
                public int compareBottom(int doc) throws IOException {
                    return Integer.compare(bottom, answer(doc));
                }

                @Override
                public int compareTop(int doc) throws IOException {
                    return Integer.compare(top, answer(doc));
                }

                @Override
                public void copy(int slot, int doc) throws IOException {
                    slots[slot] = answer(doc);
                }

                @Override
                public void setScorer(Scorable scorer) {
                    // the order does not depend on scores
                }
            };
        }
    }
}
