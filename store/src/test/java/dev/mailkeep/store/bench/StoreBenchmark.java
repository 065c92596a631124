// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store.bench;

import dev.mailkeep.store.DataType;
import dev.mailkeep.store.Delivery;
import dev.mailkeep.store.EmailFilter;
import dev.mailkeep.store.EmailId;
import dev.mailkeep.store.EmailQuery;
import dev.mailkeep.store.EmailSearch;
import dev.mailkeep.store.EmailUpdate;
import dev.mailkeep.store.MailboxId;
import dev.mailkeep.store.MailboxRole;
import dev.mailkeep.store.MailboxSpec;
import dev.mailkeep.store.State;
import dev.mailkeep.store.model.Account;
import dev.mailkeep.store.xodus.XodusMailStore;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A harness for the store figures of BENCHMARKS.md: import rate (records, blobs and index, until
 * the store is closed so the index is committed), first-page listing, full-text queries, changes
 * since a state in a large and a small account, heap, and bytes on disk per message.
 * Arguments: message count and a fresh data folder (import, then the figures); or
 * {@code --query}, a folder an earlier run filled and optionally seconds to wait after opening (the
 * figures alone, for -Xmx trials).
 */
public final class StoreBenchmark {
    private static final int BATCH = 100;
    private static final int RUNS = 500;
    private static final String LARGE = "user@localhost";
    private static final String SMALL = "small@localhost";
    private static final int SMALL_COUNT = 10_000;

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private StoreBenchmark() {}

    public static void main(String[] args) throws Exception {
        boolean queryOnly = args[0].equals("--query");
        Path dir = Path.of(args[1]);
        if (!queryOnly) {
            int count = Integer.parseInt(args[0]);
            MessageGenerator generator = new MessageGenerator(42);
            importAccount(dir, LARGE, count, generator, true);
            importAccount(dir, SMALL, Math.min(SMALL_COUNT, count), generator, false);
        }
        long t = System.nanoTime();
        try (XodusMailStore store = XodusMailStore.open(dir)) {
            System.out.printf("reopen (search index catch-up included): %.0f ms%n", (System.nanoTime() - t) / 1e6);
            if (queryOnly && args.length > 2) {
                // Xodus computes its log utilization from scratch in the background after an open
                // (reading the whole log through its page cache): let it finish to time the steady state
                Thread.sleep(Long.parseLong(args[2]) * 1000);
            }
            figures(store);
        }
        long messages;
        try (XodusMailStore store = XodusMailStore.open(dir)) {
            messages = store.accounts().stream()
                    .mapToLong(a -> store.mailboxes(a.id()).stream().mapToLong(m -> m.totalEmails()).sum()).sum();
        }
        long store = size(dir.resolve("store"));
        long index = size(dir.resolve("index"));
        long blobs = size(dir.resolve("blobs"));
        System.out.printf("disk for %d messages: store %.1f MB (%d B/message), index %.1f MB (%d B/message), "
                + "blobs %.1f MB%n", messages, store / 1e6, store / messages, index / 1e6, index / messages, blobs / 1e6);
    }

    /**
     * Creates the account and delivers {@code count} messages in batches; closing commits the index.
     * The messages are generated on a thread of their own, a batch ahead, as SMTP sessions would
     * receive them while the store files earlier ones; its CPU time is reported apart.
     */
    private static void importAccount(Path dir, String address, int count, MessageGenerator generator, boolean report)
            throws Exception {
        long cpuStart = OS.getProcessCpuTime();
        long start = System.nanoTime();
        long waiting = 0;
        long bytes = 0;
        long[] generatorCpu = new long[1];
        try (XodusMailStore store = XodusMailStore.open(dir)) {
            Account user = store.createAccount(address, "benchmark".toCharArray());
            Map<String, MailboxSpec> extra = new HashMap<>();
            for (int i = 0; i < 24; i++) {
                extra.put("f" + i, new MailboxSpec("Folder " + i, null, null, i, true));
            }
            store.setMailboxes(user.id(), extra, Map.of(), List.of(), false);
            BlockingQueue<List<byte[]>> batches = new ArrayBlockingQueue<>(2);
            Thread producer = Thread.ofPlatform().name("bench-generator").start(() -> {
                try {
                    for (int i = 0; i < count; i += BATCH) {
                        List<byte[]> batch = new ArrayList<>();
                        for (int j = i; j < Math.min(count, i + BATCH); j++) {
                            batch.add(generator.message(j));
                        }
                        batches.put(batch);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                generatorCpu[0] = THREADS.getCurrentThreadCpuTime();
            });
            int i = 0;
            while (i < count) {
                long w = System.nanoTime();
                List<byte[]> messages = batches.take();
                waiting += System.nanoTime() - w;
                List<Delivery> batch = new ArrayList<>();
                for (byte[] message : messages) {
                    bytes += message.length;
                    MailboxRole role = i % 10 == 0 ? MailboxRole.ARCHIVE : MailboxRole.INBOX;
                    batch.add(new Delivery(user.id(), role, message, i % 3 == 0 ? Set.of("$seen") : Set.of()));
                    i++;
                    if (report && i % 50_000 == 0) {
                        System.out.printf("  %d messages after %.0f s, load average %.1f%n", i,
                                (System.nanoTime() - start) / 1e9, OS.getSystemLoadAverage());
                    }
                }
                store.deliver(batch);
            }
            producer.join();
            System.out.printf("import %s: %d messages (%.1f MB) delivered in %.1f s, of which %.1f s waiting for the "
                    + "generator (generator CPU %.1f s)%n", address, count, bytes / 1e6,
                    (System.nanoTime() - start) / 1e9, waiting / 1e9, generatorCpu[0] / 1e9);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        // CPU time depends less than wall time on what else runs on the shared machine
        double storeCpu = (OS.getProcessCpuTime() - cpuStart - generatorCpu[0]) / 1e9;
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf("import %s: %d messages in %.1f s until closed = %.0f messages/s (batches of %d, "
                + "index committed at close)%n", address, count, seconds, count / seconds, BATCH);
        System.out.printf("import %s CPU: %.2f ms per message in the store (generator excluded), "
                + "%.0f messages/s if %d idle cores were kept busy; load average at the end %.1f%n",
                address, storeCpu * 1e3 / count, count / storeCpu * cores, cores, OS.getSystemLoadAverage());
    }

    private static void figures(XodusMailStore store) throws Exception {
        Account user = store.findAccount(LARGE).orElseThrow();
        Account small = store.findAccount(SMALL).orElseThrow();
        // the archive holds a tenth of the account: the mailbox of 100,000 at 1,000,000 messages
        for (MailboxRole role : List.of(MailboxRole.ARCHIVE, MailboxRole.INBOX)) {
            var mailbox = store.mailboxByRole(user.id(), role).orElseThrow();
            report("first 50 of " + role.jmapName() + " (" + mailbox.totalEmails() + ") by receivedAt desc + list properties",
                    () -> {
                        List<EmailId> ids = store.queryEmails(user.id(), EmailQuery.inMailbox(mailbox.id(), 0, 50)).ids();
                        return store.emails(user.id(), ids).size();
                    });
        }
        for (String word : List.of(MessageGenerator.COMMON_WORD, MessageGenerator.RARE_WORD)) {
            EmailSearch search = new EmailSearch(EmailFilter.Condition.any().withText(word), List.of(), 0, 50);
            long total = store.searchEmails(user.id(), search).total();
            report("full text '" + word + "' (" + total + " hits), first 50",
                    () -> store.searchEmails(user.id(), search).ids().size());
        }
        State largeBefore = flagHundred(store, user);
        State smallBefore = flagHundred(store, small);
        long[][] times = new long[2][RUNS];
        for (int i = 0; i < 20 + RUNS; i++) {
            // alternate the two accounts so both see the same machine load
            long a = timeChanges(store, user, largeBefore);
            long b = timeChanges(store, small, smallBefore);
            if (i >= 20) {
                times[0][i - 20] = a;
                times[1][i - 20] = b;
            }
        }
        Arrays.sort(times[0]);
        Arrays.sort(times[1]);
        long largeCount = store.mailboxes(user.id()).stream().mapToLong(m -> m.totalEmails()).sum();
        System.out.printf("changes since a state 100 changes back, %d messages: p50 %.3f ms, p99 %.3f ms%n",
                largeCount, times[0][RUNS / 2] / 1e6, times[0][RUNS * 99 / 100] / 1e6);
        System.out.printf("changes since a state 100 changes back, %d messages: p50 %.3f ms, p99 %.3f ms%n",
                store.mailboxes(small.id()).stream().mapToLong(m -> m.totalEmails()).sum(), times[1][RUNS / 2] / 1e6, times[1][RUNS * 99 / 100] / 1e6);
        System.out.printf("changes ratio large/small account: p50 %.2f, p99 %.2f%n",
                (double) times[0][RUNS / 2] / times[1][RUNS / 2],
                (double) times[0][RUNS * 99 / 100] / times[1][RUNS * 99 / 100]);
        Runtime rt = Runtime.getRuntime();
        System.gc();
        System.out.printf("heap in use after GC: %.0f MB (max %d MB)%n",
                (rt.totalMemory() - rt.freeMemory()) / 1e6, rt.maxMemory() / 1_000_000);
    }

    /** Flags the first 100 inbox emails one change at a time; returns the state before. */
    private static State flagHundred(XodusMailStore store, Account account) {
        MailboxId inbox = store.mailboxByRole(account.id(), MailboxRole.INBOX).orElseThrow().id();
        List<EmailId> some = store.queryEmails(account.id(), EmailQuery.inMailbox(inbox, 0, 100)).ids();
        State before = store.state(account.id(), DataType.EMAIL);
        boolean flagged = !store.emails(account.id(), List.of(some.getFirst())).values().iterator().next()
                .keywords().contains("$flagged");
        for (EmailId id : some) {
            store.updateEmails(account.id(), Map.of(id, EmailUpdate.keyword("$flagged", flagged)));
        }
        return before;
    }

    private static long timeChanges(XodusMailStore store, Account account, State since) throws Exception {
        long t = System.nanoTime();
        int updated = store.changes(account.id(), DataType.EMAIL, since, 500).updated().size();
        long elapsed = System.nanoTime() - t;
        if (updated != 100) {
            throw new IllegalStateException("expected 100 updated, got " + updated);
        }
        return elapsed;
    }

    private static void report(String name, Supplier<Integer> work) {
        for (int i = 0; i < 20; i++) {
            work.get();
        }
        long[] times = new long[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long t = System.nanoTime();
            work.get();
            times[i] = System.nanoTime() - t;
        }
        Arrays.sort(times);
        System.out.printf("%s: p50 %.2f ms, p99 %.2f ms%n", name, times[RUNS / 2] / 1e6, times[RUNS * 99 / 100] / 1e6);
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
