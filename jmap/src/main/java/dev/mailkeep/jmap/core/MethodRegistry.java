// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.core;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The methods this server answers, by their {@code Type/verb} name, each with the capability it belongs to. */
public final class MethodRegistry {
    /** A method and the capability a request must be {@code using} to call it. */
    public record Entry(Capability capability, Method method) {
        public Entry {
            Objects.requireNonNull(capability, "capability");
            Objects.requireNonNull(method, "method");
        }
    }

    private final Map<String, Entry> methods = new LinkedHashMap<>();

    public MethodRegistry register(String name, Capability capability, Method method) {
        if (methods.putIfAbsent(name, new Entry(capability, method)) != null) {
            throw new IllegalArgumentException("method registered twice: " + name);
        }
        return this;
    }

    public Optional<Entry> find(String name) {
        return Optional.ofNullable(methods.get(name));
    }
}
