// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.protocol;

import java.util.Objects;

/**
 * A method-level error (RFC 8620 section 3.6.2 and the per-method errors of sections 5 and RFC
 * 8621): answered as an {@code error} response for that call while the request goes on.
 *
 * @param description human-readable detail; null when there is nothing to add
 */
public record MethodError(String type, String description) {
    public MethodError {
        Objects.requireNonNull(type, "type");
    }

    public static MethodError unknownMethod(String name) {
        return new MethodError("unknownMethod", "unknown method: " + name);
    }

    public static MethodError invalidArguments(String description) {
        return new MethodError("invalidArguments", description);
    }

    public static MethodError invalidResultReference(String description) {
        return new MethodError("invalidResultReference", description);
    }

    public static MethodError accountNotFound() {
        return new MethodError("accountNotFound", null);
    }

    public static MethodError serverFail(String description) {
        return new MethodError("serverFail", description);
    }

    public static MethodError requestTooLarge(String description) {
        return new MethodError("requestTooLarge", description);
    }

    public static MethodError unsupportedFilter(String description) {
        return new MethodError("unsupportedFilter", description);
    }

    public static MethodError unsupportedSort(String description) {
        return new MethodError("unsupportedSort", description);
    }

    public static MethodError cannotCalculateChanges(String description) {
        return new MethodError("cannotCalculateChanges", description);
    }
}
