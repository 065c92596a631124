// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.protocol;

import java.util.Objects;

/**
 * A back-reference to the result of an earlier method call in the same request (RFC 8620
 * section 3.7): the response of call {@code resultOf}, which must be named {@code name}, at the
 * JSON Pointer {@code path} (with the {@code *} array extension).
 */
public record ResultReference(String resultOf, String name, String path) {
    public ResultReference {
        Objects.requireNonNull(resultOf, "resultOf");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(path, "path");
    }
}
