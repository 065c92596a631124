// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.mail;

import dev.mailkeep.jmap.core.ChangesMethod;
import dev.mailkeep.store.DataType;

/** {@code EmailSubmission/changes} (RFC 8621 section 7.2): the standard /changes over the submission change log. */
final class EmailSubmissionChanges extends ChangesMethod {
    EmailSubmissionChanges() {
        super(DataType.EMAIL_SUBMISSION);
    }
}
