// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.protocol;

/** Thrown while a request is read or checked when it must be refused as a whole with a {@link Problem}. */
public final class RequestRejected extends Exception {
    private final transient Problem problem;

    public RequestRejected(Problem problem) {
        super(problem.type().uri() + ": " + problem.detail(), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
