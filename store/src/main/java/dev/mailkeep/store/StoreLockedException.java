// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store;

/** The data folder is held by another process (usually a running server). */
public final class StoreLockedException extends StoreException {
    public StoreLockedException(String message, Throwable cause) {
        super(message, cause);
    }
}
