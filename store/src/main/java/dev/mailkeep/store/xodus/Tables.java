// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store.xodus;

import jetbrains.exodus.env.Environment;
import jetbrains.exodus.env.Store;
import jetbrains.exodus.env.StoreConfig;
import jetbrains.exodus.env.Transaction;

/**
 * The Xodus stores and their key layouts (every number big-endian, so key order is numeric):
 * <pre>
 * accounts         account                                  -> AccountRow
 * accountByAddress address (UTF-8, lowercase)                -> account
 * counters         account | kind                           -> long (id counters, modseqs, totals)
 * mailboxes        account | mailbox                        -> MailboxRow
 * emails           account | email                          -> EmailRow
 * mailboxIndex     account | mailbox | receivedAt | email   -> empty (mailbox 0: all emails)
 * mailboxThreads   account | mailbox | thread               -> emails in mailbox, unread of them
 * threads          account | thread                         -> ThreadRow
 * messageIds       account | Message-ID (UTF-8) 0x00 thread -> emails of the thread carrying it
 * blobRefs         account | blob hex                       -> emails of the account using it
 * blobTotals       blob hex                                 -> emails using it + live uploads
 * uploads          account | blob hex                       -> upload time
 * changes          account | type | modseq | index          -> kind, countsOnly, commit time, id
 * submissions      account | submission                     -> EmailSubmission and queue state
 * dueIndex         nextAttempt | account | submission       -> empty (queued submissions by due time)
 * identities       account | identity                       -> Identity
 * vacation         account                                  -> VacationResponse
 * blobEmails       account | blob | 0x00 | email            -> empty (the emails made of a message blob)
 * listingCounts    account | mailbox | level | span         -> listing rows in that span of receivedAt
 * vacationReplies  account | sender (lowercase UTF-8)        -> when the auto-reply went to it (RFC 3834)
 * </pre>
 */
final class Tables {
    final Store accounts;
    final Store accountByAddress;
    final Store counters;
    final Store mailboxes;
    final Store emails;
    final Store mailboxIndex;
    final Store mailboxThreads;
    final Store threads;
    final Store messageIds;
    final Store blobRefs;
    final Store blobTotals;
    final Store uploads;
    final Store changes;
    final Store submissions;
    final Store dueIndex;
    final Store identities;
    final Store vacation;
    final Store vacationReplies;
    final Store listingCounts;
    final Store blobEmails;

    private Tables(Environment env, Transaction txn) {
        accounts = open(env, "accounts", txn);
        accountByAddress = open(env, "accountByAddress", txn);
        counters = open(env, "counters", txn);
        mailboxes = open(env, "mailboxes", txn);
        emails = open(env, "emails", txn);
        mailboxIndex = open(env, "mailboxIndex", txn);
        mailboxThreads = open(env, "mailboxThreads", txn);
        threads = open(env, "threads", txn);
        messageIds = open(env, "messageIds", txn);
        blobRefs = open(env, "blobRefs", txn);
        blobTotals = open(env, "blobTotals", txn);
        uploads = open(env, "uploads", txn);
        changes = open(env, "changes", txn);
        submissions = open(env, "submissions", txn);
        dueIndex = open(env, "dueIndex", txn);
        identities = open(env, "identities", txn);
        vacation = open(env, "vacation", txn);
        vacationReplies = open(env, "vacationReplies", txn);
        listingCounts = open(env, "listingCounts", txn);
        blobEmails = open(env, "blobEmails", txn);
    }

    static Tables open(Environment env) {
        return env.computeInTransaction(txn -> new Tables(env, txn));
    }

    private static Store open(Environment env, String name, Transaction txn) {
        return env.openStore(name, StoreConfig.WITHOUT_DUPLICATES_WITH_PREFIXING, txn);
    }
}
