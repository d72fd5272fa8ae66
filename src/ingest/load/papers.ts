import type { Action, ActionStatus } from "../../domain/action.js";
import type { Document } from "../../domain/document.js";
import type { Extraction } from "../../domain/extraction.js";
import { norm, titleOverlap, type LoadContext } from "./context.js";
import type { LoadedMeeting } from "./meetings.js";
import { parseDate } from "../parse/printed-date.js";

export function actionOrigin(source: string | null): Action["origin"] {
  const s = (source ?? "").toLowerCase();
  if (/tracking (?:decisions|resolutions)|decision/.test(s)) return "decision";
  if (/action (?:log|points?)|actions? arising/.test(s)) return "action-log";
  return "action-plan";
}

export function actionStatus(printed: string | null): ActionStatus {
  const s = (printed ?? "").toLowerCase();
  if (/discharged|closed|superseded/.test(s)) return "discharged";
  if (/\b(?:complete[d]?|done|achieved|implemented|delivered)\b/.test(s) && !/\b(?:not|in)complete|partial/.test(s)) return "complete";
  if (/ongoing|in progress|on track|underway|under way|started|partial|progressing|amber|green/.test(s)) return "in-progress";
  return "open";
}

const firstWords = (s: string, n: number) => norm(s).split(" ").slice(0, n).join(" ");

/** Report covers, actions and work-programme rows: the pack's papers beyond its meetings. */
export async function loadPapers(
  ctx: LoadContext,
  x: Extraction,
  loaded: LoadedMeeting[],
  pack: LoadedMeeting | null,
  docs: Document[],
): Promise<void> {
  await loadReports(ctx, x, loaded, pack, docs);
  await loadActions(ctx, x, pack);
  await loadWorkProgramme(ctx, x, pack);
}

async function loadReports(
  ctx: LoadContext,
  x: Extraction,
  loaded: LoadedMeeting[],
  pack: LoadedMeeting | null,
  docs: Document[],
): Promise<void> {
  const reportDocs = docs.filter((d) => d.kind === "report");
  for (const [j, r] of x.reports.entries()) {
    const meeting = loaded.find((m) => m.meeting.localDate === r.meetingDate && m.items.length) ?? pack;
    const best = <T>(list: T[], title: (t: T) => string) =>
      list
        .map((t) => ({ t, s: titleOverlap(title(t), r.title) }))
        .filter((c) => c.s >= 0.6)
        .sort((a, b) => b.s - a.s)[0]?.t;
    const doc = best(reportDocs, (d) => d.title);
    const item =
      best(meeting?.items ?? [], (i) => i.title) ?? (doc?.agendaItemId ? meeting?.items.find((i) => i.id === doc.agendaItemId) : undefined);
    if (!item) {
      ctx.warnings.push(`${ctx.source}: report "${r.title}" matches no agenda item; its cover was not stored`);
      continue;
    }
    const existing = await ctx.scope.list("report_cover", { agendaItemId: item.id });
    const prior = existing.find((c) => norm(c.title) === norm(r.title)) ?? (existing.length === 1 ? existing[0] : undefined);
    const cover = await ctx.upsert("report_cover", prior, {
      ...(prior ?? {}),
      agendaItemId: item.id,
      documentId: doc?.id ?? prior?.documentId ?? null,
      title: r.title,
      author: r.author,
      service: r.service,
      wards: r.wards,
    });
    for (const f of ["title", "author", "service", "wards"] as const) ctx.bind(`/reports/${j}/${f}`, "report_cover", cover.id, f, r[f]);
  }
}

async function loadActions(ctx: LoadContext, x: Extraction, pack: LoadedMeeting | null): Promise<void> {
  if (!x.actions.length) return;
  const meetingId = pack?.meeting.id ?? null;
  const existing = await ctx.scope.list("action", { meetingId });
  const keyOf = (source: string | null, ref: string | null, text: string) => `${norm(source)}|${ref ? norm(ref) : firstWords(text, 12)}`;
  // Keyed on the values as stored (trimmed, cut to the field's length), so a re-import finds them.
  const rows = x.actions
    .map((a, j) => {
      const ref = a.ref?.trim().slice(0, 60).trim() || null;
      const sourceTitle = a.source?.trim().slice(0, 1000).trim() || null;
      return { a, j, ref, sourceTitle, key: keyOf(sourceTitle, ref, a.text) };
    })
    .filter((r) => r.a.text.trim());
  // Rows sharing a key (one ref, several lines) are told apart by their content first, then by order.
  const claimed = new Map<number, (typeof existing)[number]>();
  const free = (k: string) => existing.filter((e) => ![...claimed.values()].includes(e) && keyOf(e.sourceTitle, e.ref, e.text) === k);
  const same = (e: (typeof existing)[number], a: (typeof x.actions)[number]) =>
    norm(e.text) === norm(a.text) &&
    norm(e.ownerText) === norm(a.owner) &&
    norm(e.dueText) === norm(a.due) &&
    norm(e.statusAsPrinted) === norm(a.status);
  for (const r of rows) {
    const hit = free(r.key).find((e) => same(e, r.a));
    if (hit) claimed.set(r.j, hit);
  }
  for (const r of rows)
    if (!claimed.has(r.j)) {
      const hit = free(r.key)[0];
      if (hit) claimed.set(r.j, hit);
    }
  for (const { a, j, ref, sourceTitle } of rows) {
    const prior = claimed.get(j);
    const dueDate = a.due ? parseDate(a.due) : null;
    const status = actionStatus(a.status);
    const row = await ctx.upsert("action", prior, {
      ...(prior ?? {}),
      committeeId: pack?.committee.id ?? null,
      meetingId,
      origin: actionOrigin(a.source),
      sourceTitle,
      ref,
      text: a.text,
      ownerText: a.owner?.slice(0, 1000) ?? null,
      dueText: a.due?.slice(0, 1000) ?? null,
      dueDate: dueDate ?? null,
      statusAsPrinted: a.status?.slice(0, 1000) ?? null,
      status: prior && prior.statusAsPrinted === (a.status ?? null) ? prior.status : status,
    });
    ctx.bind(`/actions/${j}/text`, "action", row.id, "text", a.text);
    ctx.bind(`/actions/${j}/owner`, "action", row.id, "ownerText", a.owner);
    ctx.bind(`/actions/${j}/due`, "action", row.id, "dueText", a.due);
    ctx.bind(`/actions/${j}/status`, "action", row.id, "statusAsPrinted", a.status);
    ctx.bind(`/actions/${j}/ref`, "action", row.id, "ref", a.ref);
  }
}

async function loadWorkProgramme(ctx: LoadContext, x: Extraction, pack: LoadedMeeting | null): Promise<void> {
  if (!x.workProgramme.length) return;
  if (!pack) {
    ctx.warnings.push(`${ctx.source}: ${x.workProgramme.length} work-programme row(s) left out: the pack names no meeting to tie them to`);
    return;
  }
  const committeeId = pack.committee.id;
  const existing = await ctx.scope.list("work_programme_item", { committeeId });
  const meetings = await ctx.scope.list("meeting", { committeeId });
  const used = new Set<string>();
  for (const [j, w] of x.workProgramme.entries()) {
    if (!w.item.trim()) continue;
    const meeting = w.meetingDate ? meetings.find((m) => m.localDate === w.meetingDate) : undefined;
    const prior = existing.find((e) => !used.has(e.id) && norm(e.topic) === norm(w.item) && e.plannedText === (w.meetingDate ?? null));
    const row = await ctx.upsert("work_programme_item", prior, {
      ...(prior ?? {}),
      committeeId,
      meetingId: meeting?.id ?? prior?.meetingId ?? null,
      plannedText: w.meetingDate,
      topic: w.item.slice(0, 1000),
      responsible: w.responsible.length ? w.responsible.join(", ").slice(0, 1000) : null,
      status: prior?.status ?? (meeting ? "scheduled" : "proposed"),
    });
    used.add(row.id);
    ctx.bind(`/workProgramme/${j}/item`, "work_programme_item", row.id, "topic", w.item);
  }
}
