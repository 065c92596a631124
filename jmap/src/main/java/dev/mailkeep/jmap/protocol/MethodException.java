// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.protocol;

/** Thrown by a method (or the dispatcher on its behalf) to answer the call with a {@link MethodError}. */
public final class MethodException extends RuntimeException {
    private final transient MethodError error;

    public MethodException(MethodError error) {
        super(error.type() + (error.description() == null ? "" : ": " + error.description()), null, false, false);
        this.error = error;
    }

    public MethodError error() {
        return error;
    }
}
