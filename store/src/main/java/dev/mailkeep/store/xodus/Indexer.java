// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store.xodus;

import dev.mailkeep.store.StoreException;
import dev.mailkeep.store.index.SearchIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The search index's own thread: applies each committed write's index work in commit order,
 * behind the change log. A writer submits its work after its Xodus commit and returns at once, so
 * the next transaction overlaps the indexing of the previous one. The index records, per account,
 * the Email modseq it holds; a search first waits (bounded) until that reaches the state it reads,
 * so a query issued after a delivery returned finds the delivered message. Every
 * {@value #COMMIT_SECONDS} s the index is committed with those positions; after a crash the store
 * replays its change log from there ({@link IndexSync}), so acknowledged mail is never lost to search.
 */
final class Indexer implements AutoCloseable {
    /**
     * How often the index is made durable. Each commit flushes every buffered document into a new
     * segment, so a short interval means many small segments and much merging; a crash loses
     * nothing either way, it only costs re-indexing at most this much delivery time on open.
     */
    static final long COMMIT_SECONDS = 20;
    /** Emails queued but not yet indexed before writers wait: bounds the parsed text held in memory. */
    static final int MAX_QUEUED = 1_000;
    /** How long a search waits for the index to reach its state before it fails. */
    static final long WAIT_SECONDS = 60;
    /** At most this many queued writes are indexed together (their new documents in one parallel pass). */
    private static final int GROUP = 20;

    /**
     * One committed write's index work: new documents (numbers never indexed before), then
     * {@code then} (deletes and re-indexing of renumbered emails, in order), then the Email modseq
     * per account the index holds once this is applied.
     */
    record Work(List<SearchIndex.Pending> adds, Consumer<SearchIndex> then, Map<Long, Long> positions,
            CountDownLatch done) {
        Work {
            adds = List.copyOf(adds);
            positions = Map.copyOf(positions);
        }

        int permits() {
            return Math.max(1, Math.min(MAX_QUEUED, adds.size()));
        }
    }

    private final SearchIndex index;
    private final BlockingQueue<Work> queue = new LinkedBlockingQueue<>();
    private final Semaphore room = new Semaphore(MAX_QUEUED);
    private final Map<Long, Long> applied = new ConcurrentHashMap<>();
    private final Object progress = new Object();
    private final Thread thread;
    private volatile Throwable failure;
    private volatile boolean stopping;
    private long nextCommit = System.nanoTime() + TimeUnit.SECONDS.toNanos(COMMIT_SECONDS);

    /** Starts the thread over an index that already holds every change up to its {@link SearchIndex#positions()}. */
    Indexer(SearchIndex index) {
        this.index = index;
        applied.putAll(index.positions());
        thread = Thread.ofPlatform().daemon().name("mailkeep-indexer").start(this::run);
    }

    /** Queues a committed write's index work; call in commit order. Waits while the queue is full. */
    void submit(List<SearchIndex.Pending> adds, Consumer<SearchIndex> then, Map<Long, Long> positions) {
        enqueue(new Work(adds, then, positions, null));
    }

    /** Runs {@code work} on the indexer thread after everything queued before it, and waits for it. */
    void runAndWait(Consumer<SearchIndex> work) {
        CountDownLatch done = new CountDownLatch(1);
        enqueue(new Work(List.of(), work, Map.of(), done));
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for the search index", e);
        }
        failIfBroken();
    }

    private void enqueue(Work work) {
        if (stopping) {
            throw new StoreException("the store is closed");
        }
        room.acquireUninterruptibly(work.permits());
        queue.add(work);
    }

    /** Waits until the index holds every Email change of the account up to {@code modseq}. */
    void awaitIndexed(long account, long modseq) {
        if (applied.getOrDefault(account, 0L) >= modseq) {
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        synchronized (progress) {
            while (applied.getOrDefault(account, 0L) < modseq) {
                failIfBroken();
                long left = deadline - System.nanoTime();
                if (left <= 0 || !thread.isAlive()) {
                    throw new StoreException("the search index did not catch up with the store in " + WAIT_SECONDS + " s");
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(progress, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new StoreException("interrupted while waiting for the search index", e);
                }
            }
        }
    }

    private void failIfBroken() {
        if (failure != null) {
            throw new StoreException("the search index failed; reopening the store replays what it misses", failure);
        }
    }

    private void run() {
        List<Work> group = new ArrayList<>();
        while (true) {
            Work first;
            try {
                first = queue.poll(Math.max(0, nextCommit - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (first != null) {
                group.add(first);
                queue.drainTo(group, GROUP - 1);
                boolean stop = group.stream().anyMatch(w -> w.then() == STOP);
                apply(group);
                group.clear();
                if (stop) {
                    return;
                }
            }
            if (System.nanoTime() - nextCommit >= 0) {
                nextCommit = System.nanoTime() + TimeUnit.SECONDS.toNanos(COMMIT_SECONDS);
                guarded(SearchIndex::commit);
            }
        }
    }

    /** New documents of consecutive writes go in one parallel pass; anything else runs in order between. */
    private void apply(List<Work> group) {
        List<SearchIndex.Pending> adds = new ArrayList<>();
        for (Work work : group) {
            adds.addAll(work.adds());
            if (work.then() != null) {
                flush(adds);
                guarded(work.then());
            }
        }
        flush(adds);
        synchronized (progress) {
            for (Work work : group) {
                if (failure == null) {
                    work.positions().forEach((account, modseq) -> {
                        index.setPosition(account, modseq);
                        applied.merge(account, modseq, Math::max);
                    });
                }
                room.release(work.permits());
                if (work.done() != null) {
                    work.done().countDown();
                }
            }
            progress.notifyAll();
        }
    }

    private void flush(List<SearchIndex.Pending> adds) {
        if (!adds.isEmpty()) {
            List<SearchIndex.Pending> batch = List.copyOf(adds);
            adds.clear();
            guarded(i -> i.addAll(batch));
        }
    }

    /**
     * Applies work unless an earlier piece failed: after a failure the index stops moving its
     * positions, so its last commit stays a true account of what it holds and reopening replays the rest.
     */
    private void guarded(Consumer<SearchIndex> work) {
        if (failure != null || work == STOP) {
            return;
        }
        try {
            work.accept(index);
        } catch (RuntimeException | Error e) {
            failure = e;
        }
    }

    private static final Consumer<SearchIndex> STOP = i -> { };

    /** Indexes everything queued, then stops the thread; the caller closes (and so commits) the index. */
    @Override
    public void close() {
        if (stopping) {
            return;
        }
        room.acquireUninterruptibly();
        queue.add(new Work(List.of(), STOP, Map.of(), null));
        stopping = true;
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
