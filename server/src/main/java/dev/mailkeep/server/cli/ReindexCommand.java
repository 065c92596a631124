// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.server.cli;

import dev.mailkeep.server.config.MailkeepConfig;
import dev.mailkeep.store.MailStore;
import dev.mailkeep.store.StoreLockedException;
import dev.mailkeep.store.xodus.XodusMailStore;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code mailkeep reindex}: rebuilds the search index from the records and blobs (server stopped). */
@Command(name = "reindex", mixinStandardHelpOptions = true,
        description = "Rebuild the full-text search index from the store. Run it while the server is stopped.")
final class ReindexCommand implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        MailkeepConfig config = common.load();
        try (MailStore store = XodusMailStore.open(config.dataDir())) {
            long started = System.nanoTime();
            long indexed = store.rebuildSearchIndex();
            spec.commandLine().getOut().printf("reindexed %d email(s) in %.1f s%n", indexed,
                    (System.nanoTime() - started) / 1e9);
            return 0;
        } catch (StoreLockedException e) {
            spec.commandLine().getErr().println("mailkeep: the data folder " + config.dataDir()
                    + " is in use by a running Mailkeep server; stop it, then run reindex");
            return 1;
        }
    }
}
