// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store;

/**
 * The modification sequence of one data type in one account: it grows by one or more with every
 * committed change of that type. JMAP encodes it as its opaque state string.
 */
public record State(long modseq) implements Comparable<State> {
    public static final State INITIAL = new State(0);

    public State {
        if (modseq < 0) {
            throw new IllegalArgumentException("negative modseq " + modseq);
        }
    }

    /** The state as the opaque string JMAP clients see. */
    public String encode() {
        return Long.toString(modseq, 36);
    }

    /** Parses {@link #encode()}; throws {@link IllegalArgumentException} for anything else. */
    public static State decode(String text) {
        if (text == null || text.isEmpty() || text.length() > 13) {
            throw new IllegalArgumentException("malformed state");
        }
        try {
            return new State(Long.parseLong(text, 36));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("malformed state", e);
        }
    }

    @Override
    public int compareTo(State other) {
        return Long.compare(modseq, other.modseq);
    }
}
