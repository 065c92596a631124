// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.core;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mailkeep.jmap.protocol.MethodError;
import dev.mailkeep.jmap.protocol.MethodException;
import java.util.Comparator;
import java.util.Map;

/**
 * The {@code sort} argument of a {@code /query} (RFC 8620 section 5.5): Comparator objects
 * {@code {property, isAscending (default true), collation}} applied in order. A property or
 * collation the type cannot sort by is {@code unsupportedSort}.
 */
public final class Sorting {
    /** How a type sorts by one property, under the collation the client asked for (strings only). */
    @FunctionalInterface
    public interface Property<T> {
        Comparator<T> comparator(Collation collation);
    }

    /** Used when a comparator names no collation. */
    public static final Collation DEFAULT_COLLATION = Collation.UNICODE_CASEMAP;

    private Sorting() {}

    /**
     * The combined order; {@code fallback} applies when no sort is given and breaks ties, so the
     * order is total.
     */
    public static <T> Comparator<T> compile(JsonNode sort, Map<String, Property<T>> properties, Comparator<T> fallback) {
        if (sort == null || sort.isNull()) {
            return fallback;
        }
        if (!sort.isArray()) {
            throw Args.invalid("sort", "must be an array of Comparator objects");
        }
        Comparator<T> order = null;
        for (JsonNode comparator : sort) {
            if (!comparator.isObject() || !comparator.path("property").isTextual()
                    || (comparator.hasNonNull("isAscending") && !comparator.get("isAscending").isBoolean())
                    || (comparator.hasNonNull("collation") && !comparator.get("collation").isTextual())) {
                throw Args.invalid("sort", "must hold Comparator objects {property, isAscending, collation}");
            }
            String name = comparator.get("property").textValue();
            Property<T> property = properties.get(name);
            if (property == null) {
                throw new MethodException(MethodError.unsupportedSort("cannot sort by '" + name + "'; supported: "
                        + String.join(", ", properties.keySet().stream().sorted().toList())));
            }
            Collation collation = DEFAULT_COLLATION;
            if (comparator.hasNonNull("collation")) {
                String id = comparator.get("collation").textValue();
                collation = Collation.of(id).orElseThrow(
                        () -> new MethodException(MethodError.unsupportedSort("unknown collation '" + id + "'")));
            }
            Comparator<T> one = property.comparator(collation);
            if (comparator.hasNonNull("isAscending") && !comparator.get("isAscending").booleanValue()) {
                one = one.reversed();
            }
            order = order == null ? one : order.thenComparing(one);
        }
        return order == null ? fallback : order.thenComparing(fallback);
    }
}
