// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store;

/** A store operation failed for a reason the caller can report but not fix (I/O, corruption). */
public class StoreException extends RuntimeException {
    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
