// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The {@code filter} argument of a {@code /query} (RFC 8620 section 5.5): a FilterCondition of the
 * data type, or a FilterOperator ({@code AND}, {@code OR}, {@code NOT}) over nested filters.
 */
public final class Filters {
    /** Turns one FilterCondition into a predicate, throwing unsupportedFilter or invalidArguments. */
    @FunctionalInterface
    public interface Conditions<T> {
        Predicate<T> condition(ObjectNode condition);
    }

    private Filters() {}

    /** A predicate for the whole filter; null matches everything. */
    public static <T> Predicate<T> compile(JsonNode filter, Conditions<T> conditions) {
        if (filter == null || filter.isNull()) {
            return t -> true;
        }
        if (!filter.isObject()) {
            throw Args.invalid("filter", "must be a FilterOperator or FilterCondition object");
        }
        if (!filter.has("operator")) {
            return conditions.condition((ObjectNode) filter);
        }
        JsonNode operator = filter.get("operator");
        JsonNode nested = filter.get("conditions");
        if (filter.size() != 2 || nested == null || !nested.isArray() || !operator.isTextual()) {
            throw Args.invalid("filter", "a FilterOperator is {operator, conditions} with conditions an array");
        }
        List<Predicate<T>> parts = new ArrayList<>();
        for (JsonNode part : nested) {
            if (!part.isObject()) {
                throw Args.invalid("filter", "conditions must hold FilterOperator or FilterCondition objects");
            }
            parts.add(compile(part, conditions));
        }
        return switch (operator.textValue()) {
            case "AND" -> t -> parts.stream().allMatch(p -> p.test(t));
            case "OR" -> t -> parts.stream().anyMatch(p -> p.test(t));
            case "NOT" -> t -> parts.stream().noneMatch(p -> p.test(t));
            default -> throw Args.invalid("filter", "operator must be AND, OR or NOT, not " + operator.textValue());
        };
    }
}
