// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.push;

import dev.mailkeep.store.DataType;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * The type names a StateChange reports (RFC 8620 section 7.1): one per store data type, and
 * {@code EmailDelivery} (RFC 8621 section 1.5), whose state moves only when new mail is delivered
 * (it reports the Email state after the delivery).
 */
public enum PushType {
    MAILBOX("Mailbox", DataType.MAILBOX),
    EMAIL("Email", DataType.EMAIL),
    THREAD("Thread", DataType.THREAD),
    IDENTITY("Identity", DataType.IDENTITY),
    EMAIL_SUBMISSION("EmailSubmission", DataType.EMAIL_SUBMISSION),
    VACATION_RESPONSE("VacationResponse", DataType.VACATION_RESPONSE),
    EMAIL_DELIVERY("EmailDelivery", DataType.EMAIL);

    private final String typeName;
    private final DataType dataType;

    PushType(String typeName, DataType dataType) {
        this.typeName = typeName;
        this.dataType = dataType;
    }

    /** The JMAP type name, e.g. {@code Mailbox}. */
    public String typeName() {
        return typeName;
    }

    /** The store data type whose state this type reports. */
    public DataType dataType() {
        return dataType;
    }

    /** Whether a commit that changed {@code types} (and {@code delivered} new mail, or not) moves this type. */
    boolean movedBy(Set<DataType> types, boolean delivered) {
        return types.contains(dataType) && (this != EMAIL_DELIVERY || delivered);
    }

    public static Optional<PushType> byName(String name) {
        return Arrays.stream(values()).filter(t -> t.typeName.equals(name)).findFirst();
    }

    /** The types of the names this server knows; other names are ignored. */
    static Set<PushType> fromNames(java.util.Collection<String> names) {
        Set<PushType> types = java.util.EnumSet.noneOf(PushType.class);
        names.forEach(name -> byName(name).ifPresent(types::add));
        return types;
    }
}
