// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.server.cli;

import dev.mailkeep.server.config.ConfigException;
import dev.mailkeep.server.config.ConfigLoader;
import dev.mailkeep.server.config.MailkeepConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options every command takes after its name, with the same meaning everywhere. */
final class CommonOptions {
    @Option(names = "--config", paramLabel = "FILE",
            description = "TOML configuration file (default: none, embedded defaults)")
    Path config;

    @Option(names = "--data", paramLabel = "DIR",
            description = "data folder; overrides data_dir of the configuration (default: ./mailkeep-data)")
    Path data;

    MailkeepConfig load() throws ConfigException {
        return ConfigLoader.load(config, data);
    }
}
