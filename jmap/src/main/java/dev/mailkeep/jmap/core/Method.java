// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.core;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One JMAP method, e.g. {@code Mailbox/get}. Called by the {@link Dispatcher} with arguments in
 * which result references are already resolved; answers with the response arguments, or throws
 * {@link dev.mailkeep.jmap.protocol.MethodException} for a method-level error.
 */
@FunctionalInterface
public interface Method {
    ObjectNode call(Args args, MethodContext context);
}
