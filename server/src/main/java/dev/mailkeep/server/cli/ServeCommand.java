// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.server.cli;

import dev.mailkeep.server.MailkeepServer;
import dev.mailkeep.server.config.MailkeepConfig;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code mailkeep serve}: runs SMTP and JMAP until the process is told to stop (SIGTERM, Ctrl-C). */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Start the SMTP and JMAP listeners on the data folder.")
final class ServeCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        MailkeepConfig config = common.load();
        MailkeepServer server = MailkeepServer.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "mailkeep-shutdown"));
        stopped.await();
        return 0;
    }
}
