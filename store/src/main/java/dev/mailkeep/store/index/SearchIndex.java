// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store.index;

import dev.mailkeep.store.EmailFilter;
import dev.mailkeep.store.EmailSort;
import dev.mailkeep.store.StoreException;
import dev.mailkeep.store.mime.ParsedMessage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.store.FSDirectory;

/**
 * The full-text index: derived from the store, never primary. Each commit records, per account,
 * the Email modseq it contains ({@link #positions()}), so after a crash the store replays its
 * change log from there. Searches see every document added so far (near-real-time reader).
 */
public final class SearchIndex implements AutoCloseable {
    private static final String POSITIONS = "mailkeep.positions";
    /**
     * Lucene warns through java.util.logging when the JVM runs without the incubating vector
     * module; that is a performance hint, not a fault, so it is kept out of the server's output.
     * The logger is held here because java.util.logging only keeps weak references.
     */
    private static final Logger VECTOR_HINT = Logger.getLogger(
            "org.apache.lucene.internal.vectorization.VectorizationProvider");

    static {
        VECTOR_HINT.setLevel(Level.SEVERE);
    }

    /** Indexing memory before a flush to a new segment; part of the heap the store needs. */
    private static final double RAM_BUFFER_MB = 64;
    /** One indexing thread per core: more threads only make more, smaller segments. */
    private static final int THREADS = Math.max(1, Runtime.getRuntime().availableProcessors());

    private final FSDirectory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final TextQueries text;
    private final Map<Long, Long> positions = new ConcurrentHashMap<>();
    private volatile boolean dirty;

    private SearchIndex(Path dir) throws IOException {
        MailAnalyzer analyzer = new MailAnalyzer();
        directory = FSDirectory.open(dir);
        // A larger buffer flushes fewer, larger segments, so less merging; flushed segments skip
        // the compound file (a second copy of every segment's bytes); merges still decide per size.
        writer = new IndexWriter(directory, new IndexWriterConfig(analyzer)
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                .setRAMBufferSizeMB(RAM_BUFFER_MB)
                .setUseCompoundFile(false));
        searchers = new SearcherManager(writer, null);
        text = new TextQueries(analyzer);
        Iterable<Map.Entry<String, String>> data = writer.getLiveCommitData();
        if (data != null) {
            for (Map.Entry<String, String> e : data) {
                if (e.getKey().equals(POSITIONS)) {
                    parsePositions(e.getValue());
                }
            }
        }
    }

    public static SearchIndex open(Path dir) {
        try {
            return new SearchIndex(dir);
        } catch (IOException e) {
            throw new StoreException("cannot open the search index in " + dir, e);
        }
    }

    /** Per account, the Email modseq of the last change the index holds. */
    public Map<Long, Long> positions() {
        return Map.copyOf(positions);
    }

    public void setPosition(long account, long modseq) {
        positions.put(account, modseq);
        dirty = true;
    }

    /** Adds (or replaces) the document of one email. */
    public void add(long account, long email, long receivedAt, long size, ParsedMessage parsed) {
        run(() -> writer.updateDocument(new Term(EmailDocument.KEY, EmailDocument.key(account, email)),
                EmailDocument.of(account, email, receivedAt, size, parsed)));
    }

    /** One email to index: its numbers, dates, size and parsed text. */
    public record Pending(long account, long email, long receivedAt, long size, ParsedMessage parsed) {}

    /**
     * Adds the documents of emails new to the index (numbers never indexed before, as a delivery
     * creates), so no delete by key is needed. Lucene analyses documents of different threads
     * in parallel: the batch is split over one thread per core.
     */
    public void addAll(List<Pending> pending) {
        int threads = Math.min(THREADS, pending.size());
        if (threads < 2) {
            pending.forEach(this::addNew);
            return;
        }
        List<Thread> workers = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < threads; t++) {
            List<Pending> slice = pending.subList(pending.size() * t / threads, pending.size() * (t + 1) / threads);
            workers.add(Thread.ofPlatform().name("mailkeep-index-" + t).start(() -> {
                try {
                    slice.forEach(this::addNew);
                } catch (RuntimeException | Error e) {
                    failures.add(e);
                }
            }));
        }
        try {
            for (Thread worker : workers) {
                worker.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while indexing", e);
        }
        if (!failures.isEmpty()) {
            throw failures.getFirst() instanceof RuntimeException r ? r : new StoreException("indexing failed", failures.getFirst());
        }
    }

    private void addNew(Pending p) {
        run(() -> writer.addDocument(EmailDocument.of(p.account(), p.email(), p.receivedAt(), p.size(), p.parsed())));
    }

    public void delete(long account, long email) {
        run(() -> writer.deleteDocuments(new Term(EmailDocument.KEY, EmailDocument.key(account, email))));
    }

    public void deleteAccount(long account) {
        run(() -> writer.deleteDocuments(new Term(EmailDocument.ACCOUNT, Long.toString(account))));
        positions.remove(account);
    }

    /** Makes everything added so far durable, with the positions it corresponds to. */
    public void commit() {
        if (!dirty && !writer.hasUncommittedChanges()) {
            return;
        }
        dirty = false;
        String encoded = encodePositions();
        run(() -> {
            writer.setLiveCommitData(List.of(Map.entry(POSITIONS, encoded)));
            writer.commit();
        });
    }

    /** The email numbers in the requested slice, and the exact number of matches. */
    public Hits search(long account, EmailFilter filter, List<EmailSort> sort, int position, int limit,
            MutableMatcher mutable) {
        Query query = new BooleanQuery.Builder()
                .add(new TermQuery(new Term(EmailDocument.ACCOUNT, Long.toString(account))), BooleanClause.Occur.FILTER)
                .add(new FilterQueries(text, mutable).query(filter), BooleanClause.Occur.FILTER)
                .build();
        try {
            searchers.maybeRefreshBlocking();
            IndexSearcher searcher = searchers.acquire();
            try {
                int wanted = (int) Math.max(1L, Math.min(searcher.getIndexReader().maxDoc(), (long) position + limit));
                TopFieldDocs top = searcher.search(query,
                        new TopFieldCollectorManager(sort(sort, mutable), wanted, null, Integer.MAX_VALUE));
                List<Long> emails = new ArrayList<>();
                var stored = searcher.storedFields();
                for (int i = position; i < top.scoreDocs.length && emails.size() < limit; i++) {
                    ScoreDoc hit = top.scoreDocs[i];
                    emails.add(stored.document(hit.doc).getField(EmailDocument.NUM).numericValue().longValue());
                }
                return new Hits(emails, top.totalHits.value());
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new StoreException("search failed", e);
        }
    }

    /** Matching email numbers in order, and the total number of matches. */
    public record Hits(List<Long> emails, long total) {
        public Hits {
            emails = List.copyOf(emails);
        }
    }

    private static Sort sort(List<EmailSort> sorts, MutableMatcher mutable) {
        List<SortField> fields = new ArrayList<>();
        for (EmailSort s : sorts) {
            boolean reverse = !s.ascending();
            SortField field = switch (s.property()) {
                case RECEIVED_AT -> new SortField(EmailDocument.RECEIVED, SortField.Type.LONG, reverse);
                case SENT_AT -> new SortField(EmailDocument.SENT, SortField.Type.LONG, reverse);
                case SIZE -> new SortField(EmailDocument.SIZE, SortField.Type.LONG, reverse);
                case FROM -> new SortField(EmailDocument.FROM + EmailDocument.SORT_SUFFIX, SortField.Type.STRING, reverse);
                case TO -> new SortField(EmailDocument.TO + EmailDocument.SORT_SUFFIX, SortField.Type.STRING, reverse);
                case SUBJECT -> new SortField(EmailDocument.SUBJECT + EmailDocument.SORT_SUFFIX, SortField.Type.STRING,
                        reverse);
                case HAS_KEYWORD -> yesNo(mutable, EmailFilter.Condition.any().withHasKeyword(s.keyword()), reverse);
                case ALL_IN_THREAD_HAVE_KEYWORD ->
                        yesNo(mutable, EmailFilter.Condition.any().withAllInThreadHaveKeyword(s.keyword()), reverse);
                case SOME_IN_THREAD_HAVE_KEYWORD ->
                        yesNo(mutable, EmailFilter.Condition.any().withSomeInThreadHaveKeyword(s.keyword()), reverse);
            };
            fields.add(field);
        }
        fields.add(new SortField(EmailDocument.NUM, SortField.Type.LONG, !sorts.getFirst().ascending()));
        return new Sort(fields.toArray(SortField[]::new));
    }

    /** A keyword sort: the store answers, per email, the condition the sort is about. */
    private static SortField yesNo(MutableMatcher mutable, EmailFilter.Condition condition, boolean reverse) {
        return new SortField("keyword-order", new YesNoOrder(mutable.mutablePart(condition)), reverse);
    }

    private String encodePositions() {
        StringBuilder out = new StringBuilder();
        positions.forEach((account, modseq) -> out.append(account).append(':').append(modseq).append(','));
        return out.toString();
    }

    private void parsePositions(String value) {
        for (String pair : value.split(",")) {
            int colon = pair.indexOf(':');
            if (colon > 0) {
                positions.put(Long.parseLong(pair.substring(0, colon)), Long.parseLong(pair.substring(colon + 1)));
            }
        }
    }

    @Override
    public void close() {
        commit();
        run(() -> {
            searchers.close();
            writer.close();
            directory.close();
        });
    }

    private static void run(IoAction action) {
        try {
            action.run();
        } catch (IOException e) {
            throw new StoreException("search index failure", e);
        }
    }

    private interface IoAction {
        void run() throws IOException;
    }
}
