import type { Migration } from "kysely";
import type { DialectName } from "../dialect.js";
import { recordsMigration } from "./2026-11-24-0001-records.js";
import { accountsInterestsMigration } from "./2026-11-24-0002-accounts-interests.js";
import { votesMigration } from "./2026-12-04-votes-record-votes.js";
import { interopMigration } from "./2026-12-04-interop-moderngov-ids-and-profiles.js";
import { alertsMigration } from "./2026-12-04-votes-subscriptions-email-alerts.js";
import { tenancyAuthorityHostsAliasesMigration } from "./2026-12-04-tenancy-authority-hosts-aliases.js";
import { minutesPublishedMigration } from "./2026-12-04-withholding-minutes-published.js";
import { searchTagsMigration } from "./2026-12-05-scale-search-tags.js";
import { auditChangesOnlyMigration } from "./2026-12-05-scale-audit-changes-only.js";
import { mattersMigration } from "./2026-12-06-matters-forward-plan-call-in.js";
import { platformAdminsMigration } from "./2026-12-06-scale-platform-admins.js";
import { revisionsDataVersionMigration } from "./2026-12-07-edits-revisions-data-version.js";
import { uniqueMeetingsMigration } from "./2026-12-07-edits-unique-meetings.js";
import { wardPostcodesMigration } from "./2026-12-08-interop-ward-postcodes.js";
import { searchTextOnceMigration } from "./2026-12-08-scale-search-text-once.js";
import { searchCouncilIndexMigration } from "./2026-12-08-scale-search-council-index.js";
import { meetingLifecycleMigration } from "./2026-12-08-meeting-lifecycle.js";
import { naturalKeysMigration } from "./2026-12-09-edits-natural-keys.js";
import { searchIndexDirectUpdatesMigration } from "./2026-12-10-scale-search-index-direct-updates.js";

/** One migration set for both dialects; names are `<date>-<serial>-<what-it-does>`. */
export function migrations(dialect: DialectName): Record<string, Migration> {
  return {
    "2026-11-24-0001-records": recordsMigration(dialect),
    "2026-11-24-0002-accounts-interests": accountsInterestsMigration(dialect),
    "2026-12-04-votes-record-votes": votesMigration(dialect),
    "2026-12-04-interop-moderngov-ids-and-profiles": interopMigration(dialect),
    "2026-12-04-votes-subscriptions-email-alerts": alertsMigration(dialect),
    "2026-12-04-tenancy-authority-hosts-aliases": tenancyAuthorityHostsAliasesMigration(dialect),
    // Named to sort after the votes migration: Kysely refuses a new migration ordered before one already run.
    "2026-12-04-withholding-minutes-published": minutesPublishedMigration(dialect),
    "2026-12-05-scale-search-tags": searchTagsMigration(dialect),
    "2026-12-05-scale-audit-changes-only": auditChangesOnlyMigration(dialect),
    // Dated after the scale migrations so it sorts after them (Kysely runs migrations in name order).
    "2026-12-06-matters-forward-plan-call-in": mattersMigration(dialect),
    "2026-12-06-scale-platform-admins": platformAdminsMigration(dialect),
    // Dated after every migration before it: Kysely runs migrations in name order.
    "2026-12-07-edits-revisions-data-version": revisionsDataVersionMigration(dialect),
    "2026-12-07-edits-unique-meetings": uniqueMeetingsMigration(dialect),
    "2026-12-08-interop-ward-postcodes": wardPostcodesMigration(dialect),
    "2026-12-08-scale-search-text-once": searchTextOnceMigration(dialect),
    "2026-12-08-scale-search-council-index": searchCouncilIndexMigration(dialect),
    // Named to sort after every migration before it (Kysely runs them in name order).
    "2026-12-09-meeting-lifecycle": meetingLifecycleMigration(dialect),
    "2026-12-09-edits-natural-keys": naturalKeysMigration(dialect),
    "2026-12-10-scale-search-index-direct-updates": searchIndexDirectUpdatesMigration(dialect),
  };
}
