// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.server;

import dev.mailkeep.server.cli.MailkeepCommand;

/** Entry point of {@code java -jar mailkeep.jar}. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        int code = MailkeepCommand.run(args);
        if (code != 0 || args.length == 0 || !"serve".equals(args[0])) {
            // Non-serving commands end here even if a library left a non-daemon thread behind.
            System.exit(code);
        }
    }
}
