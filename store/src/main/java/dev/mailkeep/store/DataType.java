// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store;

/** The kinds of record whose changes are logged per account, each with its own state sequence. */
public enum DataType {
    MAILBOX, EMAIL, THREAD, IDENTITY, EMAIL_SUBMISSION, VACATION_RESPONSE
}
