import { sql, type RawBuilder } from "kysely";
import type { SearchPlan } from "./dialect.js";

/**
 * The one place search applies viewer rights: an entry is restricted when its agenda item
 * or its document carries a Schedule 12A paragraph, and only viewers entitled to that
 * committee's exempt papers see it. The flags live on the entry (search-index.ts), so
 * neither rights nor filters need a join.
 */
export function visibleAndFiltered(plan: SearchPlan): RawBuilder<unknown> {
  const rights =
    plan.exemptVisibleFor === "all"
      ? sql``
      : plan.exemptVisibleFor.length === 0
        ? sql`and s.restricted = 0`
        : sql`and (s.restricted = 0 or s.committee_id in (${sql.join(plan.exemptVisibleFor)}))`;
  const kinds = plan.kinds?.length ? sql`and s.kind in (${sql.join(plan.kinds)})` : sql``;
  const committees = plan.committeeIds?.length ? sql`and s.committee_id in (${sql.join(plan.committeeIds)})` : sql``;
  const from = plan.from ? sql`and s.meeting_date >= ${plan.from}` : sql``;
  const to = plan.to ? sql`and s.meeting_date <= ${plan.to}` : sql``;
  return sql`where s.authority_id = ${plan.authorityId} ${rights} ${kinds} ${committees} ${from} ${to}`;
}
