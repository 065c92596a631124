// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store.xodus;

import dev.mailkeep.store.DataType;
import dev.mailkeep.store.EmailFilter;
import dev.mailkeep.store.EmailId;
import dev.mailkeep.store.EmailSearch;
import dev.mailkeep.store.EmailSort;
import dev.mailkeep.store.QueryResult;
import dev.mailkeep.store.State;
import dev.mailkeep.store.blob.BlobStore;
import dev.mailkeep.store.index.SearchIndex;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Keeps the search index behind the records: catches up on open, runs each Email-changing write
 * and its index update under one lock (so index updates follow commit order), commits the index
 * every {@value #COMMIT_SECONDS} seconds with the positions it holds, and answers searches.
 */
final class SearchSide implements AutoCloseable {
    /**
     * How often the index is made durable. Each commit flushes every buffered document into a new
     * segment, so a short interval means many small segments and much merging; a crash loses
     * nothing either way (the change log is replayed from the committed position on open), it
     * only costs re-indexing at most this much delivery time.
     */
    static final long COMMIT_SECONDS = 20;

    private final Db db;
    private final SearchIndex index;
    private final IndexSync sync;
    private final ReentrantLock lock = new ReentrantLock();
    private final ScheduledExecutorService committer;

    SearchSide(Db db, BlobStore blobs, SearchIndex index) {
        this.db = db;
        this.index = index;
        this.sync = new IndexSync(db.env, db.tables, db.counters, db.changeLog, blobs, index);
        sync.catchUp();
        committer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon()
                .name("mailkeep-index-commit").factory());
        committer.scheduleWithFixedDelay(() -> locked(() -> {
            index.commit();
            return null;
        }), COMMIT_SECONDS, COMMIT_SECONDS, TimeUnit.SECONDS);
    }

    SearchIndex index() {
        return index;
    }

    /** Runs a write and its index updates with no other such pair in between. */
    <T> T locked(Supplier<T> work) {
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    /** Records that the index holds every Email change of the account committed so far; call locked. */
    void indexedUpTo(long account) {
        index.setPosition(account, db.read(txn -> db.counters.get(txn, account, Counters.modseq(DataType.EMAIL))));
    }

    /**
     * After a commit that re-created emails under new numbers (thread merges): drops the old
     * documents and indexes, from their blobs, the final numbers not in {@code alreadyIndexed}.
     */
    void renumbered(List<Tx.Renumbered> moves, java.util.Set<Long> alreadyIndexed) {
        java.util.Set<String> from = new java.util.HashSet<>();
        moves.forEach(m -> from.add(m.account() + ":" + m.from()));
        for (Tx.Renumbered m : moves) {
            index.delete(m.account(), m.from());
            if (!from.contains(m.account() + ":" + m.to()) && !alreadyIndexed.contains(m.to())) {
                sync.indexOne(m.account(), m.to());
            }
        }
    }

    long rebuild() {
        return locked(sync::rebuild);
    }

    /** Email/query: mailbox listings come from the mailbox index, everything else from Lucene. */
    QueryResult search(long account, EmailSearch search) {
        if (isMailboxListing(search)) {
            EmailFilter.Condition c = (EmailFilter.Condition) search.filter();
            var query = new dev.mailkeep.store.EmailQuery(c == null ? null : c.inMailbox(),
                    search.sort().getFirst().ascending(), search.position(), search.limit());
            return db.read(txn -> Reads.query(txn, db.tables, db.counters, account, query));
        }
        return db.read(txn -> {
            State state = new State(db.counters.get(txn, account, Counters.modseq(DataType.EMAIL)));
            SearchIndex.Hits hits = index.search(account, search.filter(), search.sort(), search.position(),
                    search.limit(), new MutableFilter(txn, db.tables, account));
            List<EmailId> ids = hits.emails().stream().map(e -> new EmailId(Ids.encode(Ids.EMAIL, e))).toList();
            return new QueryResult(ids, search.position(), hits.total(), state);
        });
    }

    /** A query the mailbox index answers alone: at most an inMailbox condition, sorted by receivedAt. */
    private static boolean isMailboxListing(EmailSearch search) {
        boolean byReceived = search.sort().size() == 1
                && search.sort().getFirst().property() == EmailSort.Property.RECEIVED_AT;
        return byReceived && (search.filter() == null || (search.filter() instanceof EmailFilter.Condition c
                && c.equals(EmailFilter.Condition.any().withInMailbox(c.inMailbox()))));
    }

    @Override
    public void close() {
        // shutdown, not shutdownNow: interrupting a Lucene commit in progress closes the index under it.
        committer.shutdown();
        try {
            committer.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        locked(() -> {
            index.close();
            return null;
        });
    }
}
