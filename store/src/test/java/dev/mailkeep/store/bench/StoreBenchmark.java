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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A harness for the store figures of BENCHMARKS.md: import rate (records, blobs and index),
 * first-page listing, full-text queries, changes since a state, and bytes on disk per message.
 * Run it as BENCHMARKS.md says; arguments: message count, then a fresh data folder.
 */
public final class StoreBenchmark {
    private static final int BATCH = 100;
    private static final int RUNS = 200;

    private StoreBenchmark() {}

    public static void main(String[] args) throws Exception {
        int count = Integer.parseInt(args[0]);
        Path dir = Path.of(args[1]);
        MessageGenerator generator = new MessageGenerator(42);
        try (XodusMailStore store = XodusMailStore.open(dir)) {
            Account user = store.createAccount("user@localhost", "benchmark".toCharArray());
            Map<String, MailboxSpec> extra = new HashMap<>();
            for (int i = 0; i < 24; i++) {
                extra.put("f" + i, new MailboxSpec("Folder " + i, null, null, i, true));
            }
            store.setMailboxes(user.id(), extra, Map.of(), List.of(), false);

            var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean();
            var threads = java.lang.management.ManagementFactory.getThreadMXBean();
            long cpuStart = os.getProcessCpuTime();
            long generatorCpu = 0;
            long start = System.nanoTime();
            long inStore = 0;
            long bytes = 0;
            List<Delivery> batch = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                long g = threads.getCurrentThreadCpuTime();
                byte[] message = generator.message(i);
                generatorCpu += threads.getCurrentThreadCpuTime() - g;
                bytes += message.length;
                MailboxRole role = i % 10 == 0 ? MailboxRole.ARCHIVE : MailboxRole.INBOX;
                batch.add(new Delivery(user.id(), role, message, i % 3 == 0 ? Set.of("$seen") : Set.of()));
                if (batch.size() == BATCH || i == count - 1) {
                    long t = System.nanoTime();
                    store.deliver(batch);
                    inStore += System.nanoTime() - t;
                    batch.clear();
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("import: %d messages (%.1f MB) in %.1f s = %.0f messages/s (batches of %d)%n",
                    count, bytes / 1e6, seconds, count / seconds, BATCH);
            // the generator shares the cores: the store's own rate counts only the time in deliver
            System.out.printf("import, time in deliver only: %.1f s = %.0f messages/s%n",
                    inStore / 1e9, count / (inStore / 1e9));
            // CPU time does not depend on what else runs on the machine, wall time does
            double storeCpu = (os.getProcessCpuTime() - cpuStart - generatorCpu) / 1e9;
            int cores = Runtime.getRuntime().availableProcessors();
            System.out.printf("import CPU: %.2f ms per message in the store (generator excluded), "
                    + "%.0f messages/s if %d idle cores were kept busy; load average at the end %.1f%n",
                    storeCpu * 1e3 / count, count / storeCpu * cores, cores, os.getSystemLoadAverage());

            MailboxId inbox = store.mailboxByRole(user.id(), MailboxRole.INBOX).orElseThrow().id();
            long inboxTotal = store.mailboxByRole(user.id(), MailboxRole.INBOX).orElseThrow().totalEmails();
            report("first 50 of inbox (" + inboxTotal + ") by receivedAt desc + list properties", () -> {
                List<EmailId> ids = store.queryEmails(user.id(), EmailQuery.inMailbox(inbox, 0, 50)).ids();
                return store.emails(user.id(), ids).size();
            });
            for (String word : List.of(MessageGenerator.COMMON_WORD, MessageGenerator.RARE_WORD)) {
                EmailSearch search = new EmailSearch(EmailFilter.Condition.any().withText(word), List.of(), 0, 50);
                long total = store.searchEmails(user.id(), search).total();
                report("full text '" + word + "' (" + total + " hits), first 50",
                        () -> store.searchEmails(user.id(), search).ids().size());
            }
            List<EmailId> some = store.queryEmails(user.id(), EmailQuery.inMailbox(inbox, 0, 100)).ids();
            State before = store.state(user.id(), DataType.EMAIL);
            for (EmailId id : some) {
                store.updateEmails(user.id(), Map.of(id, EmailUpdate.keyword("$flagged", true)));
            }
            report("changes since a state 100 changes back", () -> {
                try {
                    return store.changes(user.id(), DataType.EMAIL, before, 500).updated().size();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Runtime rt = Runtime.getRuntime();
            System.gc();
            System.out.printf("heap in use after GC: %.0f MB (max %d MB)%n",
                    (rt.totalMemory() - rt.freeMemory()) / 1e6, rt.maxMemory() / 1_000_000);
        }
        long store = size(dir.resolve("store"));
        long index = size(dir.resolve("index"));
        long blobs = size(dir.resolve("blobs"));
        System.out.printf("disk: store %.1f MB (%d B/message), index %.1f MB (%d B/message), blobs %.1f MB%n",
                store / 1e6, store / count, index / 1e6, index / count, blobs / 1e6);
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
