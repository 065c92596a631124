// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store.model;

import java.util.Objects;

/** A credential just created, with its secret: the only time the secret can be read. */
public record IssuedCredential(Credential credential, String secret) {
    public IssuedCredential {
        Objects.requireNonNull(credential, "credential");
        Objects.requireNonNull(secret, "secret");
    }
}
