import type { PublicationOperation, PublicationStatus } from "@mss/db/types";
import { type PublishableMailbox, patchTargetOf } from "./build-mailbox-patch";

/**
 * Whether the directory holds (or is about to hold) the mailbox, from its publications, newest
 * first. Skipped rows sent nothing; a failed insert or replace left nothing reliable there, so
 * the next change inserts again; a delete (whatever its outcome) means we want it gone.
 */
export function isListedInDirectory(publications: Array<{ operation: PublicationOperation; status: PublicationStatus }>): boolean {
  const latest = publications.find((p) => p.status !== "skipped");
  if (!latest) return false;
  return latest.operation !== "delete" && (latest.status === "pending" || latest.status === "succeeded");
}

export type PublicationDecision =
  | { kind: "send"; operation: PublicationOperation; mailbox: PublishableMailbox }
  /** Recorded as skipped: a new mailbox in liste rouge (the admin sees why it is not published). */
  | { kind: "skip-unlisted" }
  | { kind: "none" };

/**
 * What to send the national directory after a mailbox was created or changed. Only an active
 * mailbox outside the liste rouge is listed; it leaves the directory when it is closed,
 * suspended or put in liste rouge. `before` is the mailbox as it was (null at creation).
 */
export function decidePublicationOperation({
  before,
  after,
  isListed,
}: {
  before: PublishableMailbox | null;
  after: PublishableMailbox;
  isListed: boolean;
}): PublicationDecision[] {
  const isWanted = after.status === "active" && !after.isUnlisted;
  if (!isWanted) {
    if (isListed) return [{ kind: "send", operation: "delete", mailbox: before ?? after }];
    return before === null && after.isUnlisted ? [{ kind: "skip-unlisted" }] : [{ kind: "none" }];
  }
  if (!isListed || before === null) return [{ kind: "send", operation: "insert", mailbox: after }];
  const oldTarget = patchTargetOf(before);
  const newTarget = patchTargetOf(after);
  // Another carrying resource (a new FINESS): the entry moves, it cannot be replaced in place.
  if (JSON.stringify(oldTarget) !== JSON.stringify(newTarget)) {
    return [
      { kind: "send", operation: "delete", mailbox: before },
      { kind: "send", operation: "insert", mailbox: after },
    ];
  }
  const isChanged = before.displayName !== after.displayName || (before.service ?? null) !== (after.service ?? null);
  return isChanged ? [{ kind: "send", operation: "replace", mailbox: after }] : [{ kind: "none" }];
}
