// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store.xodus;

import dev.mailkeep.store.AccountId;
import dev.mailkeep.store.model.Account;
import java.time.Instant;
import jetbrains.exodus.ByteIterable;

/** The stored account: its login address, creation time and Argon2id PHC hash. */
record AccountRow(long num, String address, long createdMillis, String passwordHash) {
    ByteIterable encode() {
        return new Wire.Out().str(address).i64(createdMillis).str(passwordHash).build();
    }

    static AccountRow decode(long num, ByteIterable value) {
        Wire.In in = new Wire.In(value);
        return new AccountRow(num, in.str(), in.i64(), in.str());
    }

    AccountRow withHash(String hash) {
        return new AccountRow(num, address, createdMillis, hash);
    }

    Account toAccount() {
        return new Account(new AccountId(Ids.encode(Ids.ACCOUNT, num)), address, Instant.ofEpochMilli(createdMillis));
    }
}
