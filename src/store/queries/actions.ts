import { sql, type SqlBool } from "kysely";
import { isOverdue, type Action, type ActionStatus, type ActionUpdate } from "../../domain/action.js";
import type { Viewer } from "../../domain/viewer.js";
import type { Store } from "../open.js";
import { decodeAll, type Page } from "./decode.js";
import type { CommitteeRef } from "./meetings.js";
import { minutesVisible, withheld, type Withheld } from "./visibility.js";

export interface ActionFilter {
  committeeId?: string;
  status?: ActionStatus;
  /** Matches the owner as printed, case-insensitively, or the owner's person id. */
  owner?: string;
  overdue?: boolean;
  open?: boolean;
  today: string;
  limit?: number;
  offset?: number;
}

export interface ActionEntry {
  action: Action;
  overdue: boolean;
  committee: CommitteeRef | null;
  history: ActionUpdate[];
  withheld: Withheld | null;
}

/**
 * The action tracker. An action arising from a decision on an exempt item is withheld
 * like the item: its reference stays, its text and history do not.
 */
export async function listActions(store: Store, authorityId: string, viewer: Viewer, f: ActionFilter): Promise<Page<ActionEntry>> {
  const limit = f.limit ?? 50;
  const offset = f.offset ?? 0;
  let q = store.db
    .selectFrom("action")
    .leftJoin("committee", "committee.id", "action.committeeId")
    .leftJoin("decision", "decision.id", "action.decisionId")
    .leftJoin("agenda_item", "agenda_item.id", "decision.agendaItemId")
    .where("action.authorityId", "=", authorityId)
    // An action arising from a decision is public once that decision is (with its minutes).
    .where(
      sql<SqlBool>`(action.decision_id is null or exists (select 1 from decision ad join meeting am on am.id = ad.meeting_id
        where ad.id = action.decision_id and ${minutesVisible(viewer, "am")}))`,
    );
  if (f.committeeId) q = q.where("action.committeeId", "=", f.committeeId);
  if (f.status) q = q.where("action.status", "=", f.status);
  if (f.owner) {
    const owner = f.owner.toLowerCase();
    q = q.where((eb) =>
      eb.or([eb(sql`lower(action.owner_text)`, "like", `%${owner.replace(/[%_]/g, "")}%`), eb("action.ownerPersonId", "=", f.owner!)]),
    );
  }
  if (f.open || f.overdue) q = q.where("action.status", "not in", ["complete", "discharged"]);
  if (f.overdue) q = q.where("action.dueDate", "<", f.today);
  const [rows, n] = await Promise.all([
    q
      .selectAll("action")
      .select(["committee.slug as cSlug", "committee.name as cName", "agenda_item.exemptParagraph as itemParagraph"])
      .orderBy(sql`case when action.due_date is null then 1 else 0 end`)
      .orderBy("action.dueDate")
      .orderBy("action.id")
      .limit(limit)
      .offset(offset)
      .execute(),
    q.select(sql<number>`count(*)`.as("n")).executeTakeFirstOrThrow(),
  ]);
  const actions = decodeAll("action", rows);
  const updates = actions.length
    ? decodeAll(
        "action_update",
        await store.db
          .selectFrom("action_update")
          .selectAll()
          .where(
            "actionId",
            "in",
            actions.map((a) => a.id),
          )
          .orderBy("onDate")
          .orderBy("id")
          .execute(),
      )
    : [];
  const staff = viewer.kind === "clerk" || viewer.kind === "admin" ? null : await staffNames(store, authorityId);
  const publicUpdate = (u: ActionUpdate): ActionUpdate => {
    const role = staff && u.byName ? staff.get(u.byName.trim().toLowerCase()) : undefined;
    return role === undefined ? u : { ...u, byName: role };
  };
  const items = actions.map((action, i) => {
    const r = rows[i];
    const w = withheld(viewer, action.committeeId, r.itemParagraph === null ? null : Number(r.itemParagraph));
    return {
      action: w ? { ...action, text: w.notice, successMeasure: null } : action,
      overdue: isOverdue(action, f.today),
      committee: action.committeeId && r.cSlug ? { id: action.committeeId, slug: r.cSlug, name: r.cName! } : null,
      history: w ? [] : updates.filter((u) => u.actionId === action.id).map(publicUpdate),
      withheld: w,
    };
  });
  return { items, total: Number(n.n), limit, offset };
}

/**
 * Sign-in names of the council's staff accounts, mapped to what the public is shown instead:
 * an update a clerk typed carries their user name, which is staff data, not a public record.
 */
async function staffNames(store: Store, authorityId: string): Promise<Map<string, string>> {
  const rows = await store.db
    .selectFrom("user_account")
    .select(["username", "displayName", "role"])
    .where("authorityId", "=", authorityId)
    .execute();
  const names = new Map<string, string>();
  for (const r of rows) {
    if (r.role === "member") continue; // a councillor's own name is public
    names.set(r.username.toLowerCase(), "Democratic Services");
    names.set(r.displayName.trim().toLowerCase(), "Democratic Services");
  }
  return names;
}
