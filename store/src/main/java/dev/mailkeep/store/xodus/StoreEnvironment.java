// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store.xodus;

import dev.mailkeep.store.StoreException;
import dev.mailkeep.store.StoreLockedException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import jetbrains.exodus.ExodusException;
import jetbrains.exodus.env.Environment;
import jetbrains.exodus.env.EnvironmentConfig;
import jetbrains.exodus.env.Environments;

/** Opens the Xodus environment of a data folder with durable (fsynced) commits and a lock check. */
final class StoreEnvironment {
    private StoreEnvironment() {}

    static Environment open(Path dataDir) {
        Path dir = dataDir.resolve("store");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new StoreException("cannot create the store folder " + dir, e);
        }
        EnvironmentConfig config = new EnvironmentConfig()
                .setLogDurableWrite(true)
                .setLogLockTimeout(0)
                .setEnvCloseForcedly(true);
        try {
            return Environments.newInstance(dir.toFile(), config);
        } catch (ExodusException e) {
            if (isLockFailure(e)) {
                throw new StoreLockedException("the data folder " + dataDir.toAbsolutePath()
                        + " is in use by another Mailkeep process (e.g. a running server); stop it first", e);
            }
            throw new StoreException("cannot open the store in " + dir, e);
        }
    }

    private static boolean isLockFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            if (message.contains("lock") || t instanceof java.nio.channels.OverlappingFileLockException) {
                return true;
            }
        }
        return false;
    }
}
