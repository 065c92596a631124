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
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Keeps the search index behind the records: catches up on open, hands each Email-changing
 * write's index work to the {@link Indexer} in commit order (the lock keeps a commit and its
 * hand-over together), and answers searches once the index has reached the state they read.
 */
final class SearchSide implements AutoCloseable {
    private final Db db;
    private final SearchIndex index;
    private final IndexSync sync;
    private final ReentrantLock lock = new ReentrantLock();
    private final Indexer indexer;

    SearchSide(Db db, BlobStore blobs, SearchIndex index) {
        this.db = db;
        this.index = index;
        this.sync = new IndexSync(db.env, db.tables, db.counters, db.changeLog, blobs, index);
        sync.catchUp();
        indexer = new Indexer(index);
    }

    /** Runs a write and the hand-over of its index work with no other such pair in between. */
    <T> T locked(Supplier<T> work) {
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Queues the index work of the write that just committed; call locked, right after the commit.
     * {@code then} runs on the indexer thread after the new documents are added.
     */
    void indexed(Collection<Long> accounts, List<SearchIndex.Pending> adds, Consumer<SearchIndex> then) {
        Map<Long, Long> positions = db.read(txn -> {
            Map<Long, Long> at = new HashMap<>();
            accounts.forEach(a -> at.put(a, db.counters.get(txn, a, Counters.modseq(DataType.EMAIL))));
            return at;
        });
        indexer.submit(adds, then, positions);
    }

    /** The index work of a write that created no email: deletes (may be none); call locked. */
    void deleted(long account, Collection<Long> emails) {
        List<Long> gone = List.copyOf(emails);
        indexed(List.of(account), List.of(), gone.isEmpty() ? null : i -> gone.forEach(e -> i.delete(account, e)));
    }

    /**
     * Work for after a commit that re-created emails under new numbers (thread merges): drops the
     * old documents and indexes, from their blobs, the final numbers not in {@code alreadyIndexed}.
     */
    Consumer<SearchIndex> renumbered(List<Tx.Renumbered> moves, Set<Long> alreadyIndexed) {
        if (moves.isEmpty()) {
            return null;
        }
        Set<String> from = new HashSet<>();
        moves.forEach(m -> from.add(m.account() + ":" + m.from()));
        return i -> {
            for (Tx.Renumbered m : moves) {
                i.delete(m.account(), m.from());
                if (!from.contains(m.account() + ":" + m.to()) && !alreadyIndexed.contains(m.to())) {
                    sync.indexOne(m.account(), m.to());
                }
            }
        };
    }

    /** Rebuilds the index from the store on the indexer thread, with writes held off meanwhile. */
    long rebuild() {
        long[] count = new long[1];
        locked(() -> {
            indexer.runAndWait(i -> count[0] = sync.rebuild());
            return null;
        });
        return count[0];
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
            indexer.awaitIndexed(account, state.modseq());
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
        try {
            indexer.close();
        } finally {
            index.close();
        }
    }
}
