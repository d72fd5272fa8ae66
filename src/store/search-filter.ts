import { sql, type RawBuilder } from "kysely";
import type { SearchPlan } from "./dialect.js";

/**
 * The one place search applies viewer rights: an entry is exempt when its agenda item or
 * its document carries a Schedule 12A paragraph, and only viewers entitled to that
 * committee's exempt papers see it. Filters share the same joins.
 */
export function visibleAndFiltered(plan: SearchPlan): RawBuilder<unknown> {
  const exemptClause =
    plan.exemptVisibleFor === "all"
      ? sql`1 = 1`
      : plan.exemptVisibleFor.length === 0
        ? sql`(ai.exempt_paragraph is null and (d.id is null or d.exempt_paragraph is null) and (dai.id is null or dai.exempt_paragraph is null))`
        : sql`((ai.exempt_paragraph is null and (d.id is null or d.exempt_paragraph is null) and (dai.id is null or dai.exempt_paragraph is null))
            or m.committee_id in (${sql.join(plan.exemptVisibleFor)}))`;
  const kinds = plan.kinds?.length ? sql`and s.kind in (${sql.join(plan.kinds)})` : sql``;
  const committees = plan.committeeIds?.length ? sql`and m.committee_id in (${sql.join(plan.committeeIds)})` : sql``;
  const from = plan.from ? sql`and m.local_date >= ${plan.from}` : sql``;
  const to = plan.to ? sql`and m.local_date <= ${plan.to}` : sql``;
  return sql`
    left join meeting m on m.id = s.meeting_id
    left join agenda_item ai on ai.id = s.agenda_item_id
    left join document d on d.id = s.document_id
    left join agenda_item dai on dai.id = d.agenda_item_id
    where s.authority_id = ${plan.authorityId}
      and ${exemptClause} ${kinds} ${committees} ${from} ${to}`;
}
