import type { Db } from "@mss/db/client";
import { ZPublishMailboxJob } from "@mss/domain/jobs/publication-queue";
import type { FhirDirectoryClient } from "@mss/domain/publication/fhir-client";
import { publishMailbox } from "@mss/domain/publication/publish-mailbox";
import type { Job } from "bullmq";
import type { Logger } from "pino";

export interface PublishDeps {
  db: Db;
  client: FhirDirectoryClient;
  logger: Logger;
}

/** BullMQ processor of `publish-mailbox` jobs: thin, the rules are in publishMailbox. */
export function createPublishProcessor(deps: PublishDeps) {
  return async (job: Job) => {
    const { publicationId } = ZPublishMailboxJob.parse(job.data);
    // attemptsMade counts the attempts already over, not this one.
    const isLastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    return publishMailbox({ db: deps.db, client: deps.client, publicationId, isLastAttempt, logger: deps.logger.child({ jobId: job.id }) });
  };
}
