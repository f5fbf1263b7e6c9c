// The generated model and enum types, re-exported from one place so callers never reach
// into the generated folder.
export type {
  Account,
  AuditEvent,
  Domain,
  Mailbox,
  MailboxAccess,
  MailboxPublication,
  Membership,
  Professional,
  SpooledMessage,
  SpoolRecipient,
  Tenant,
  TrustedDomain,
} from "./generated/prisma/client";
export { AccessRight, AccountKind, MailboxStatus, MailboxType, NationalIdType, RecipientState, SpoolDirection, TenantRole } from "./generated/prisma/enums";
export { Prisma } from "./generated/prisma/client";
export { PublicationOperation, PublicationStatus } from "./generated/prisma/enums";
