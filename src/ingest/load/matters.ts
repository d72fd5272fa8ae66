import type { AgendaItem } from "../../domain/agenda-item.js";
import type { Decision } from "../../domain/decision.js";
import { isMinutesItem } from "../../domain/standing-items.js";
import { norm, type LoadContext } from "./context.js";
import type { LoadedMeeting } from "./meetings.js";

/**
 * Links imported items and decisions into matters, only where the documents say so:
 *
 * - a decision number printed with the item or in the decision ("Decision No. 24/00108",
 *   "24/00108 – Highways term contract"): the item (or decision) joins the matter with that
 *   reference, created the first time it is seen;
 * - a report's title repeated word for word at another meeting ("Library Services Review" at
 *   Cabinet, then at scrutiny): both items join one matter. Procedural and standing items, and
 *   short or generic titles ("Work programme", "Forward plan", "Questions"), never link.
 *
 * Nothing is guessed from a similar title. A step already linked is found again, so a second
 * import changes nothing.
 */

/** Two digits, a slash, five digits; not part of a longer run of numbers and slashes (a date). */
const DECISION_NUMBER = /(?<![\d/])(\d{2}\/\d{5})(?![\d/])/g;

export function decisionNumbers(text: string | null | undefined): string[] {
  return [...new Set([...(text ?? "").matchAll(DECISION_NUMBER)].map((m) => m[1]!))];
}

/** Titles that recur at every meeting without being the same business. */
const GENERIC =
  /^(?:the\s+)?(?:(?:committee|annual|draft|cabinet|council)\s+)*(?:work\s*programme|forward\s+plan|questions?|petitions?|public\s+(?:questions|participation|speaking)|announcements?|chair(?:man)?'?s\s+(?:announcements|report|business)|leader'?s\s+(?:announcements|report)|exclusion\s+of\s+(?:the\s+)?press\s+and\s+public|any\s+other\s+business|date\s+of\s+(?:the\s+)?next\s+meeting|notices?\s+of\s+motion|motions?|performance\s+(?:report|monitoring)|budget\s+monitoring|revenue\s+budget\s+monitoring|(?:quarterly\s+)?performance\s+(?:and\s+)?(?:risk\s+)?(?:report|update)|(?:minutes|matters)\s+arising|action\s+(?:log|tracker|plan)|tracking\s+(?:decisions|resolutions)|(?:items\s+)?for\s+information|urgent\s+(?:business|items?)|declarations?\s+of\s+interests?|apologies(?:\s+for\s+absence)?|substitut(?:es|ions?)(?:\s+members)?)\b/i;

/** A title distinctive enough that the same words at another meeting mean the same business. */
export function distinctiveTitle(item: Pick<AgendaItem, "title" | "kind">): string | null {
  if (item.kind === "procedural" || isMinutesItem(item.title)) return null;
  const t = norm(item.title.replace(DECISION_NUMBER, " "));
  if (GENERIC.test(t)) return null;
  if (t.length < 20 || t.split(" ").length < 4) return null;
  return t;
}

export async function loadMatters(ctx: LoadContext, loaded: LoadedMeeting[]): Promise<void> {
  const s = ctx.scope;
  const matters = new Map((await s.list("matter")).map((m) => [m.reference, m]));
  const matterFor = async (reference: string, title: string) => {
    let m = matters.get(reference);
    if (!m) {
      m = await ctx.upsert("matter", undefined, { reference, title });
      matters.set(reference, m);
    }
    return m;
  };
  const link = async (
    matterId: string,
    meetingId: string,
    part: { agendaItemId: string | null; decisionId: string | null },
    how: "decision-number" | "title",
  ) => {
    const steps = await s.list("matter_step", { matterId, meetingId });
    const same = steps.find((x) => x.agendaItemId === part.agendaItemId && (x.decisionId === part.decisionId || part.decisionId === null));
    if (same) return ctx.kept("matter_step");
    await ctx.upsert("matter_step", undefined, { matterId, meetingId, ...part, linkedBy: how });
  };

  // Every item of the council by its distinctive title, read once (this import's items included).
  const byTitle = new Map<string, AgendaItem[]>();
  for (const i of await s.list("agenda_item")) {
    const t = distinctiveTitle(i);
    if (t) byTitle.set(t, [...(byTitle.get(t) ?? []), i]);
  }

  for (const l of loaded) {
    const decisions = await s.list("decision", { meetingId: l.meeting.id }, ["position"]);
    const byItem = new Map<string, Decision[]>();
    for (const d of decisions) if (d.agendaItemId) byItem.set(d.agendaItemId, [...(byItem.get(d.agendaItemId) ?? []), d]);
    const linkItem = async (matterId: string, item: AgendaItem, how: "decision-number" | "title") => {
      const ds = byItem.get(item.id) ?? [];
      if (!ds.length) return link(matterId, l.meeting.id, { agendaItemId: item.id, decisionId: null }, how);
      for (const d of ds) await link(matterId, l.meeting.id, { agendaItemId: item.id, decisionId: d.id }, how);
    };

    // Decision numbers printed with an item, or in a decision's own words.
    for (const item of l.items) {
      for (const ref of decisionNumbers(`${item.title}\n${item.description ?? ""}`)) {
        const title = item.title.replace(DECISION_NUMBER, "").replace(/^[\s:–—-]+|[\s:–—-]+$/g, "") || item.title;
        await linkItem((await matterFor(ref, title)).id, item, "decision-number");
      }
    }
    for (const d of decisions) {
      const refs = decisionNumbers(d.text);
      if (!refs.length) continue;
      const item = d.agendaItemId ? l.items.find((i) => i.id === d.agendaItemId) : undefined;
      const minute = d.minuteId ? l.minutes.find((m) => m.id === d.minuteId) : undefined;
      const title = item?.title ?? minute?.title;
      if (!title) continue;
      for (const ref of refs)
        await link((await matterFor(ref, title)).id, l.meeting.id, { agendaItemId: d.agendaItemId, decisionId: d.id }, "decision-number");
    }

    // The same distinctive title at another meeting of this council.
    for (const item of l.items) {
      const title = distinctiveTitle(item);
      if (!title || item.exemptParagraph !== null) continue;
      const others = (byTitle.get(title) ?? []).filter((o) => o.meetingId !== l.meeting.id && o.exemptParagraph === null);
      if (!others.length) continue;
      const linked = await s.list("matter_step", { agendaItemId: item.id });
      let matterId = linked[0]?.matterId;
      for (const o of others) matterId ??= (await s.list("matter_step", { agendaItemId: o.id }))[0]?.matterId;
      if (!matterId) {
        const meetings = await Promise.all([item, ...others].map((i) => s.require("meeting", i.meetingId)));
        const first = meetings.sort((a, b) => a.localDate.localeCompare(b.localDate))[0]!;
        matterId = (await matterFor(await freeReference(ctx, first.localDate.slice(0, 4)), item.title)).id;
      }
      await linkItem(matterId, item, "title");
      for (const o of others) {
        if ((await s.list("matter_step", { matterId, agendaItemId: o.id })).length) continue;
        // With its decisions, as when that item is the one being imported: the steps must not
        // depend on which of the two meetings was imported first.
        const ds = await s.list("decision", { agendaItemId: o.id }, ["position"]);
        if (!ds.length) await link(matterId, o.meetingId, { agendaItemId: o.id, decisionId: null }, "title");
        for (const d of ds) await link(matterId, o.meetingId, { agendaItemId: o.id, decisionId: d.id }, "title");
      }
    }
  }
}

/** A reference for a matter the importer found by its title: "2025/T001", the first free in that year. */
async function freeReference(ctx: LoadContext, year: string): Promise<string> {
  const taken = new Set((await ctx.scope.list("matter")).map((m) => m.reference));
  for (let n = 1; ; n++) {
    const ref = `${year}/T${String(n).padStart(3, "0")}`;
    if (!taken.has(ref)) return ref;
  }
}
