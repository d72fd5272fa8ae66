import type { AgendaItem } from "../../domain/agenda-item.js";
import type { Committee, CommitteeKind } from "../../domain/committee.js";
import type { ExtractedMeeting } from "../../domain/extraction.js";
import type { Declaration } from "../../domain/declaration.js";
import type { Meeting } from "../../domain/meeting.js";
import type { Minute } from "../../domain/minute.js";
import { displayName } from "../../domain/authority-name.js";
import { slugify } from "../../domain/slug.js";
import { londonToInstant } from "../../domain/time.js";
import { nowInstant } from "../../store/records.js";
import { norm, titleOverlap, type LoadContext } from "./context.js";
import type { People } from "./people.js";
import { loadAttendance } from "./attendance.js";
import { loadVotes } from "./votes.js";
import { decisionKind } from "../parse/decision-kind.js";

export interface LoadedMeeting {
  index: number;
  committee: Committee;
  meeting: Meeting;
  items: AgendaItem[];
  minutes: Minute[];
}

/** Exempt items whose paragraph the pack never prints are held back under this one until a clerk checks. */
export const ASSUMED_EXEMPT_PARAGRAPH = 3;

export function committeeKind(name: string): CommitteeKind {
  const n = norm(name);
  if (/\bsubcommittee\b/.test(n)) return "sub-committee";
  if (/\b(?:cabinet|executive)\b/.test(n)) return "cabinet";
  if (/\b(?:scrutiny|select committee|overview)\b/.test(n)) return "scrutiny";
  if (/\bboard\b/.test(n)) return "partnership-board";
  if (/\b(?:licensing|planning|development control|regulatory|appeals?)\b/.test(n)) return "regulatory";
  if (/\bcouncil$/.test(n) && !/\b(?:committee|panel|forum|group)\b/.test(n)) return "council";
  return "other";
}

const committeeKey = (name: string) => norm(name).replace(/^the /, "");

/** Committees by authority + normalised name, created on first sight. */
export class Committees {
  private constructor(
    private readonly ctx: LoadContext,
    private all: Committee[],
  ) {}

  static async load(ctx: LoadContext): Promise<Committees> {
    return new Committees(ctx, await ctx.scope.list("committee"));
  }

  async get(printed: string): Promise<Committee> {
    // A heading printed in capitals ("CABINET") names the committee as a person writes it.
    const name = displayName(printed);
    const key = committeeKey(name);
    const found = this.all.find((c) => committeeKey(c.name) === key);
    if (found) {
      this.ctx.kept("committee");
      return found;
    }
    // The slug is made from the normalised name, so two spellings of one committee ("Sub-Committee",
    // "Subcommittee", a leading "The") meet on the slug's unique key even in two imports at once.
    const base = slugify(key);
    let slug = base;
    for (let n = 2; this.all.some((c) => c.slug === slug); n++) slug = `${base}-${n}`;
    const created = await this.ctx.upsert("committee", undefined, { slug, name, kind: committeeKind(name) });
    this.all.push(created);
    return created;
  }
}

const PROCEDURAL =
  /^(?:apologies|declarations?|(?:confirmation of |approval of )?minutes|substitut|urgent business|exclusion of|any other business|date of (?:the )?next meeting|chair'?s? announcements|welcome)/i;

export function interestType(nature: string): Declaration["type"] {
  const t = nature.toLowerCase();
  if (/\bnon[-\s]?registrable\b/.test(t)) return "nri";
  if (/disclosable pecuniary|\bdpi\b|\bpecuniary\b/.test(t)) return "dpi";
  if (/other registrable|\bori\b/.test(t)) return "ori";
  return "other";
}

const validPages = (p: [number, number] | null): [number | null, number | null] =>
  p && p[0] > 0 && p[1] >= p[0] ? [p[0], p[1]] : p && p[0] > 0 ? [p[0], null] : [null, null];

/** One extracted meeting into the store: the meeting, its agenda, members, attendance, minutes and declarations. */
export async function loadMeeting(
  ctx: LoadContext,
  committees: Committees,
  people: People,
  m: ExtractedMeeting,
  index: number,
): Promise<LoadedMeeting | null> {
  const at = `/meetings/${index}`;
  if (!m.date || !m.committee) {
    ctx.warnings.push(
      `${ctx.source}: a meeting ${m.committee ? `of ${m.committee}` : m.date ? `on ${m.date}` : ""} was left out: the pack gives no ${m.date ? "committee" : "date"}`.replace(
        / +/g,
        " ",
      ),
    );
    return null;
  }
  const committee = await committees.get(m.committee);
  const sameDay = await ctx.scope.list("meeting", { committeeId: committee.id, localDate: m.date }, ["localTime"]);
  const existing = sameDay.length > 1 && m.time ? (sameDay.find((x) => x.localTime === m.time) ?? sameDay[0]) : sameDay[0];
  // A meeting's own front sheet is the authority for its time and venue; other packs (its minutes,
  // a later agenda carrying them) only fill gaps, so importing both never flips the values back and forth.
  const own = m.hasAgenda || !existing;
  const localTime = (own ? (m.time ?? existing?.localTime) : (existing?.localTime ?? m.time)) ?? null;
  // A meeting whose minutes the pack carries was held.
  const minuted = m.hasMinutes || m.minutes.length > 0;
  const status = existing && existing.status !== "scheduled" ? existing.status : minuted ? "held" : (existing?.status ?? "scheduled");
  const meeting = await ctx.upsert("meeting", existing, {
    ...(existing ?? {}),
    committeeId: committee.id,
    localDate: m.date,
    localTime,
    startsAt: londonToInstant(m.date, localTime),
    venue: (own ? (m.venue ?? existing?.venue) : (existing?.venue ?? m.venue)) ?? null,
    status,
    // Imported records are published as their source published them: a pack carrying the
    // agenda or the minutes is the council's own publication of them.
    agendaPublishedAt: existing?.agendaPublishedAt ?? (m.hasAgenda || m.hasMinutes ? nowInstant() : null),
    minutesPublishedAt: existing?.minutesPublishedAt ?? (minuted ? nowInstant() : null),
  });
  ctx.bind(`${at}/committee`, "meeting", meeting.id, "committeeId", m.committee);
  ctx.bind(`${at}/date`, "meeting", meeting.id, "localDate", m.date);
  if (m.time) ctx.bind(`${at}/time`, "meeting", meeting.id, "localTime", m.time);
  if (m.venue) ctx.bind(`${at}/venue`, "meeting", meeting.id, "venue", m.venue);

  const items = await loadAgenda(ctx, meeting, m, at);
  const members = await people.membersOf(committee.id);
  const named = new Set<string>(members);

  const existingMemberships = await ctx.scope.list("membership", { committeeId: committee.id });
  for (const [j, x] of m.members.entries()) {
    const kind = x.kind === "councillor" ? "councillor" : "co-opted";
    const person = await people.resolve(x.name, kind, named, `${at}/members/${j}/name`);
    if (!person) continue;
    named.add(person.id);
    const prior = existingMemberships.find((ms) => ms.personId === person.id);
    const role = x.role === "Chair" ? "chair" : x.role === "Vice-Chair" ? "vice-chair" : "member";
    const membership = await ctx.upsert("membership", prior, {
      ...(prior ?? {}),
      personId: person.id,
      committeeId: committee.id,
      role,
      kind,
      coOptedKind: kind === "co-opted" ? (prior?.coOptedKind ?? (x.kind === "other" ? "other" : null)) : null,
    });
    if (!prior) existingMemberships.push(membership);
    people.noteMember(committee.id, person.id);
    ctx.bind(`${at}/members/${j}/name`, "membership", membership.id, "personId", x.name);
  }

  await loadAttendance(ctx, people, meeting, m, at, named);
  const minutes = await loadMinutes(ctx, meeting, m, at, items);
  await loadDeclarations(ctx, people, meeting, m, at, items, minutes, named);
  await loadVotes(ctx, people, meeting, m, at, minutes, named);
  return { index, committee, meeting, items, minutes };
}

async function loadAgenda(ctx: LoadContext, meeting: Meeting, m: ExtractedMeeting, at: string): Promise<AgendaItem[]> {
  const existing = await ctx.scope.list("agenda_item", { meetingId: meeting.id }, ["position"]);
  const out: AgendaItem[] = [];
  for (const [j, a] of m.agenda.entries()) {
    // The second item printed with a number (a supplementary agenda's) is its occurrence 1.
    const occurrence = m.agenda.slice(0, j).filter((b) => b.number === a.number).length;
    const prior = existing.find((x) => x.number === a.number && x.occurrence === occurrence && !out.includes(x));
    const [pageFrom, pageTo] = validPages(a.pages);
    let exemptParagraph = prior?.exemptParagraph ?? null;
    if (a.exempt && exemptParagraph === null) exemptParagraph = a.exemptParagraph ?? null;
    const guessed = a.exempt && exemptParagraph === null;
    if (guessed) exemptParagraph = ASSUMED_EXEMPT_PARAGRAPH;
    const title = a.title.trim() || `Item ${a.number}`;
    const item = await ctx.upsert("agenda_item", prior, {
      ...(prior ?? {}),
      meetingId: meeting.id,
      number: a.number,
      occurrence,
      position: j,
      title,
      kind: prior?.kind ?? (PROCEDURAL.test(title) ? "procedural" : "discussion"),
      pageFrom,
      pageTo,
      exemptParagraph,
    });
    out.push(item);
    ctx.bind(`${at}/agenda/${j}/title`, "agenda_item", item.id, "title", a.title);
    if (guessed) {
      const ref = ctx.provenance[`${at}/agenda/${j}/title`];
      ctx.flag({
        recordTable: "agenda_item",
        recordId: item.id,
        field: "exemptParagraph",
        value: String(ASSUMED_EXEMPT_PARAGRAPH),
        page: ref?.page ?? null,
        confidence: 0.3,
        reason: `item ${a.number} is exempt but the pack names no Schedule 12A paragraph; paragraph ${ASSUMED_EXEMPT_PARAGRAPH} assumed`,
      });
    }
  }
  return out;
}

async function loadMinutes(ctx: LoadContext, meeting: Meeting, m: ExtractedMeeting, at: string, items: AgendaItem[]): Promise<Minute[]> {
  const existing = await ctx.scope.list("minute", { meetingId: meeting.id }, ["position"]);
  const out: Minute[] = [];
  for (const [j, x] of m.minutes.entries()) {
    const occurrence = m.minutes.slice(0, j).filter((y) => y.number === x.number).length;
    const same = (e: Minute) => e.number === x.number && e.occurrence === occurrence && !out.includes(e);
    // Its first version, as before: an approved one is kept as it stands (corrections and all).
    const prior = existing.find((e) => same(e) && e.supersedesId === null) ?? existing.find(same);
    if (prior?.status === "approved") {
      // Approved minutes are a legal record: a pack never rewrites them.
      ctx.kept("minute");
      out.push(prior);
      continue;
    }
    const item = items.find((i) => i.number === x.number) ?? items.find((i) => titleOverlap(i.title, x.title) >= 0.8);
    const minute = await ctx.upsert("minute", prior, {
      ...(prior ?? {}),
      meetingId: meeting.id,
      agendaItemId: prior?.agendaItemId ?? item?.id ?? null,
      number: x.number,
      occurrence,
      position: j,
      title: x.title,
      // The minute as printed, so the meeting reads as minutes; an extraction without it keeps what is stored.
      text: x.text ?? prior?.text ?? "",
    });
    out.push(minute);
    ctx.bind(`${at}/minutes/${j}/number`, "minute", minute.id, "number", x.number);
    ctx.bind(`${at}/minutes/${j}/title`, "minute", minute.id, "title", x.title);
    const decisions = await ctx.scope.list("decision", { minuteId: minute.id }, ["position"]);
    for (const [k, text] of x.decisions.entries()) {
      if (!text.trim()) continue;
      const pointer = `${at}/minutes/${j}/decisions/${k}`;
      const prev = decisions.find((d) => d.position === k);
      const decision = await ctx.upsert("decision", prev, {
        ...(prev ?? {}),
        meetingId: meeting.id,
        minuteId: minute.id,
        agendaItemId: minute.agendaItemId,
        position: k,
        text,
        // The kind extraction read beside the decision; a hand-made Extraction without it is judged on the words alone.
        kind: x.decisionKinds?.[k] ?? decisionKind("", text),
        decidedOn: meeting.localDate,
      });
      ctx.bind(pointer, "decision", decision.id, "text", text);
    }
  }
  return out;
}

async function loadDeclarations(
  ctx: LoadContext,
  people: People,
  meeting: Meeting,
  m: ExtractedMeeting,
  at: string,
  items: AgendaItem[],
  minutes: Minute[],
  named: Set<string>,
): Promise<void> {
  if (!m.declarations.length) return;
  const existing = await ctx.scope.list("declaration", { meetingId: meeting.id });
  const used = new Set<string>();
  for (const [j, d] of m.declarations.entries()) {
    const person = await people.resolve(d.member, "councillor", named, `${at}/declarations/${j}/member`);
    if (!person) continue;
    const ref = d.item?.trim() || null;
    const byNumber = ref ? items.find((i) => norm(i.number) === norm(ref)) : undefined;
    const byMinute = ref ? minutes.find((x) => norm(x.number) === norm(ref)) : undefined;
    const agendaItemId = byNumber?.id ?? byMinute?.agendaItemId ?? null;
    const itemAsPrinted = agendaItemId ? null : ref;
    const nature = d.interest.trim() || "interest declared (nature not printed)";
    // One member can declare several interests in one item: the nature tells them apart.
    const mine = existing.filter(
      (e) => !used.has(e.id) && e.personId === person.id && e.agendaItemId === agendaItemId && e.itemAsPrinted === itemAsPrinted,
    );
    const prior = mine.find((e) => norm(e.nature) === norm(nature)) ?? mine[0];
    const row = await ctx.upsert("declaration", prior, {
      ...(prior ?? {}),
      meetingId: meeting.id,
      personId: person.id,
      agendaItemId,
      itemAsPrinted,
      nature,
      type: interestType(nature),
    });
    used.add(row.id);
    if (!prior) existing.push(row);
    ctx.bind(`${at}/declarations/${j}/member`, "declaration", row.id, "personId", d.member);
    ctx.bind(`${at}/declarations/${j}/interest`, "declaration", row.id, "nature", d.interest);
  }
}
