import type { CommitteeKind } from "../../domain/committee.js";
import { MootError } from "../../domain/errors.js";
import { Person } from "../../domain/person.js";
import type { InputOf, PatchOf, RecordOf, RecordTable } from "../../domain/records.js";
import { slugify } from "../../domain/slug.js";
import { londonToInstant } from "../../domain/time.js";
import { claimRef, importedAs, importedRecord, releaseRef, type RefKind } from "../../store/queries/interop-refs.js";
import type { Scope } from "../../store/records.js";
import { htmlToText, personName, unescapeOnce, clock24 } from "./text.js";
import { LoadContext } from "../load/context.js";
import { loadMatters } from "../load/matters.js";
import { ASSUMED_EXEMPT_PARAGRAPH } from "../load/meetings.js";
import { isoDate, type MgCommittee, type MgCouncillor, type MgMeeting, type MgMeetingSummary, type MgResponse } from "./parse.js";

export interface LoadCounts {
  created: Record<string, number>;
  updated: Record<string, number>;
  unchanged: number;
}
export const emptyCounts = (): LoadCounts => ({ created: {}, updated: {}, unchanged: 0 });

/** Person.email is checked as an address; published text that is not one stays in the profile only. */
const isEmail = (e: string): boolean => Person.shape.email.safeParse(e).success;

/**
 * Saved ModernGov responses → records, through the Scope (validation, audit, search index).
 * Each record is found again by the ModernGov id it was imported with, so importing the same
 * responses twice changes nothing; a changed response updates in place. Restricted (exempt)
 * papers are not imported, and a restricted item keeps only its number and title.
 */
export class ModernGovLoader {
  constructor(
    private readonly s: Scope,
    private readonly today: string,
    readonly counts: LoadCounts = emptyCounts(),
  ) {}

  async load(r: MgResponse): Promise<void> {
    if (r.kind === "committees") for (const c of r.committees) await this.committee(c);
    else if (r.kind === "councillors")
      for (const w of r.wards) for (const [i, c] of w.councillors.entries()) await this.councillor(unescapeOnce(w.title), c, i);
    else if (r.kind === "meetings") {
      for (const c of r.committees) await this.committeeByTitle(c.id, c.title);
      for (const m of r.meetings) await this.meetingSummary(m);
    } else await this.meeting(r.meeting);
  }

  /** Finds the record imported under this id (forgetting one deleted since), creates or updates it. */
  private async upsert<T extends RecordTable>(
    table: T,
    kind: RefKind | null,
    mgId: number | null,
    fallback: () => Promise<RecordOf<T> | undefined>,
    input: PatchOf<T>,
    onCreate: PatchOf<T> = {},
    sourceUrl: string | null = null,
  ): Promise<RecordOf<T>> {
    let existing: RecordOf<T> | undefined;
    if (kind && mgId !== null) {
      const id = await importedRecord(this.s.db, this.s.authorityId, kind, mgId);
      if (id) {
        existing = await this.s.get(table, id);
        if (!existing) {
          // ModernGov numbers show in the interop answers, which the page cache keeps.
          await this.s.bumpDataVersion();
          await releaseRef(this.s.db, this.s.authorityId, kind, mgId);
        }
      }
    }
    existing ??= await fallback();
    let record: RecordOf<T>;
    if (!existing) {
      record = await this.s.create(table, { ...input, ...onCreate } as InputOf<T>);
      this.counts.created[table] = (this.counts.created[table] ?? 0) + 1;
    } else if (differs(existing, input)) {
      record = await this.s.update(table, existing.id, input as never);
      if (record.updatedAt !== existing.updatedAt) this.counts.updated[table] = (this.counts.updated[table] ?? 0) + 1;
      else this.counts.unchanged += 1;
    } else {
      record = existing;
      this.counts.unchanged += 1;
    }
    if (kind && mgId !== null && (await claimRef(this.s.db, this.s.authorityId, kind, mgId, record.id, sourceUrl)))
      await this.s.bumpDataVersion();
    return record;
  }

  private async freeSlug(table: "committee" | "person", base: string, mgId: number): Promise<string> {
    const taken = await this.s.list(table, { slug: base } as never);
    return taken.length ? `${base}-${mgId}` : base;
  }

  async committee(c: MgCommittee): Promise<RecordOf<"committee"> | undefined> {
    if (c.deleted) return undefined; // deleted in the source: nothing to carry over
    const name = unescapeOnce(c.title).trim();
    const slug = slugify(name);
    return this.upsert(
      "committee",
      "committee",
      c.id,
      async () => (await this.s.list("committee", { slug }))[0],
      { name, kind: committeeKind(name, c.category) },
      // An expired committee's end date is not published; the import date stands for it once.
      { slug: await this.freeSlug("committee", slug, c.id), activeTo: c.expired ? this.today : null },
    );
  }

  /** GetMeetings names each committee too: enough to create it when GetCommittees was not saved. */
  private async committeeByTitle(id: number, title: string): Promise<RecordOf<"committee">> {
    const known = await importedRecord(this.s.db, this.s.authorityId, "committee", id);
    const found = known ? await this.s.get("committee", known) : undefined;
    return found ?? (await this.committee({ id, title, deleted: false, expired: false, category: "" }))!;
  }

  async councillor(ward: string, c: MgCouncillor, order: number): Promise<RecordOf<"person">> {
    const { honorific, name } = personName(c.fullUserName || `Member ${c.id}`);
    const email = [c.workAddress.email, c.homeAddress.email].find((e) => e && isEmail(e.trim()))?.trim() ?? null;
    const person = await this.upsert(
      "person",
      "person",
      c.id,
      async () => undefined,
      { name, honorific, kind: "councillor", party: unescapeOnce(c.party).trim() || null, ward: ward.trim() || null, email },
      { slug: await this.freeSlug("person", slugify(name), c.id) },
    );
    const profile = (await this.s.list("person_profile", { personId: person.id }))[0];
    const input: InputOf<"person_profile"> = {
      personId: person.id,
      photoSmallUrl: c.photoSmallUrl || null,
      photoBigUrl: c.photoBigUrl || null,
      district: c.district || null,
      representing: c.representing || null,
      keyPosts: c.keyPosts || null,
      workAddress: c.workAddress,
      homeAddress: c.homeAddress,
      surgery: c.surgery,
      terms: c.terms?.map((t) => ({ start: isoDate(t.start) ?? "", end: isoDate(t.end) ?? "" })) ?? null,
      listOrder: order,
    };
    await this.upsert("person_profile", null, null, async () => profile, input);
    return person;
  }

  private async meetingSummary(m: MgMeetingSummary): Promise<RecordOf<"meeting">> {
    const committeeId = await importedRecord(this.s.db, this.s.authorityId, "committee", m.committeeId);
    if (!committeeId) throw new MootError("bad_input", `meeting ${m.id}: committee ${m.committeeId} is not known`);
    return this.meetingRecord(m.id, committeeId, m.date, m.time, m.status, {});
  }

  private async meetingRecord(
    id: number,
    committeeId: string,
    date: string,
    time: string,
    status: string,
    extra: Partial<InputOf<"meeting">>,
  ): Promise<RecordOf<"meeting">> {
    const localDate = isoDate(date);
    if (!localDate || !/^\d{4}-\d{2}-\d{2}$/.test(localDate)) throw new MootError("bad_input", `meeting ${id}: no date ("${date}")`);
    const localTime = clock24(time);
    const [state, ...title] = status.split("; ");
    const cancelled = /cancel/i.test(state);
    const postponed = /postpone/i.test(state);
    return this.upsert(
      "meeting",
      "meeting",
      id,
      async () => (await this.s.list("meeting", { committeeId, localDate })).find((x) => x.localTime === localTime) ?? undefined,
      {
        committeeId,
        localDate,
        localTime,
        startsAt: londonToInstant(localDate, localTime),
        // A ModernGov service serves only what the council has published: its agenda, and for a
        // past meeting its minutes. Stamped with the meeting's own start so re-imports change nothing.
        agendaPublishedAt: londonToInstant(localDate, localTime),
        minutesPublishedAt: localDate < this.today ? londonToInstant(localDate, localTime) : null,
        status: cancelled ? "cancelled" : postponed ? "postponed" : localDate < this.today ? "held" : "scheduled",
        title: title.join("; ") || null,
        ...extra,
      },
    );
  }

  async meeting(m: MgMeeting): Promise<void> {
    let committeeId: string | undefined;
    const knownMeeting = await importedRecord(this.s.db, this.s.authorityId, "meeting", m.id);
    if (knownMeeting) committeeId = (await this.s.get("meeting", knownMeeting))?.committeeId;
    if (!committeeId && m.committeeTitle)
      committeeId = (await this.s.list("committee", { slug: slugify(unescapeOnce(m.committeeTitle)) }))[0]?.id;
    if (!committeeId)
      throw new MootError("bad_input", `meeting ${m.id}: its committee is not known; import the GetMeetings response that lists it first`);
    const meeting = await this.meetingRecord(m.id, committeeId, m.date, m.time, m.status, { venue: m.location.trim() || null });
    // Attendance before the items: an item's minutes may arrive approved, and approved minutes lock
    // the attendance recorded in them.
    for (const a of m.attendees) await this.attendee(meeting, a);
    const items: Array<RecordOf<"agenda_item">> = [];
    for (const [position, item] of m.items.entries()) items.push(await this.agendaItem(meeting, position, item));
    await this.matters(meeting, items);
  }

  /**
   * Items that continue business from other meetings join its matter, by the same rules as
   * Moot's own pack import (ingest/load/matters.ts): a decision number printed with the item
   * or in its decision, or a distinctive title repeated word for word; restricted items never
   * link by title. Steps already linked are found again, so a re-import changes nothing.
   */
  private async matters(meeting: RecordOf<"meeting">, items: Array<RecordOf<"agenda_item">>): Promise<void> {
    const ctx = new LoadContext(this.s, `moderngov meeting ${meeting.id}`, {});
    const committee = await this.s.require("committee", meeting.committeeId);
    const minutes = await this.s.list("minute", { meetingId: meeting.id }, ["position"]);
    await loadMatters(ctx, [{ index: 0, committee, meeting, items, minutes }]);
    for (const [table, c] of Object.entries(ctx.counts)) {
      if (c.created) this.counts.created[table] = (this.counts.created[table] ?? 0) + c.created;
      if (c.updated) this.counts.updated[table] = (this.counts.updated[table] ?? 0) + c.updated;
      this.counts.unchanged += c.unchanged;
    }
  }

  private async agendaItem(
    meeting: RecordOf<"meeting">,
    position: number,
    i: MgMeeting["items"][number],
  ): Promise<RecordOf<"agenda_item">> {
    const number = i.displayNumber.replace(/\.$/, "").trim() || String(i.ordinal);
    // ModernGov lets two items share a number (two petitions, both "5."): an item of this number
    // that another ModernGov item was imported as is not this one (matched by number alone, the
    // second overwrote the first), and a new one is the number's next occurrence.
    const sameNumber = await this.s.list("agenda_item", { meetingId: meeting.id, number }, ["occurrence"]);
    const item = await this.upsert(
      "agenda_item",
      "agenda_item",
      i.id,
      async () => {
        for (const x of sameNumber) if ((await importedAs(this.s.db, this.s.authorityId, "agenda_item", x.id)) === undefined) return x;
        return undefined;
      },
      {
        meetingId: meeting.id,
        number,
        position,
        title: unescapeOnce(i.title).trim() || `Item ${number}`,
        description: i.restricted ? null : htmlToText(i.agendaHtml) || null,
        kind: i.decisionHtml ? "decision" : "discussion",
      },
      {
        occurrence: sameNumber.length ? Math.max(...sameNumber.map((x) => x.occurrence)) + 1 : 0,
        ...(i.restricted ? { exemptParagraph: ASSUMED_EXEMPT_PARAGRAPH } : {}),
      },
    );
    if (i.restricted) {
      // ModernGov marks an exempt item restricted without saying which Schedule 12A paragraph
      // applies: held back under the paragraph a pack import assumes, for the clerk to check. A
      // paragraph already recorded is kept, and an import never makes an exempt item public.
      if (item.exemptParagraph !== null) return item;
      this.counts.updated.agenda_item = (this.counts.updated.agenda_item ?? 0) + 1;
      return this.s.update("agenda_item", item.id, { exemptParagraph: ASSUMED_EXEMPT_PARAGRAPH });
    }
    if (i.minutesHtml) {
      const text = htmlToText(i.minutesHtml);
      const minuteNo = i.minutesNumber.trim() || number;
      const existing = (await this.s.list("minute", { meetingId: meeting.id, agendaItemId: item.id }, ["version"])).at(-1);
      // Published minutes are the record; an approved one is locked, so only a real change is written.
      if (!existing) {
        // Two items' minutes printed with one number (ModernGov allows it) are its occurrences 0, 1…
        const sameNumber = await this.s.list("minute", { meetingId: meeting.id, number: minuteNo, version: 1 });
        await this.s.create("minute", {
          meetingId: meeting.id,
          agendaItemId: item.id,
          number: minuteNo,
          occurrence: sameNumber.length,
          position,
          title: item.title,
          text,
          status: "approved",
        });
        this.counts.created.minute = (this.counts.created.minute ?? 0) + 1;
      } else if (existing.text !== text || existing.number !== minuteNo) {
        throw new MootError("locked", `minute ${existing.number} changed in the source; record a correction in Moot`);
      } else this.counts.unchanged += 1;
    }
    if (i.decisionHtml) {
      await this.upsert("decision", "decision", i.id, async () => undefined, {
        meetingId: meeting.id,
        agendaItemId: item.id,
        text: htmlToText(i.decisionHtml),
        decidedOn: meeting.localDate,
        position,
      });
    }
    for (const d of i.documents) {
      if (d.restricted) continue;
      const title = unescapeOnce(d.title).trim() || `Document ${d.id}`;
      await this.upsert(
        "document",
        "document",
        d.id,
        async () => undefined,
        {
          meetingId: meeting.id,
          agendaItemId: item.id,
          kind: /minute/i.test(title) ? "minutes" : /appendix/i.test(title) ? "appendix" : "report",
          title,
          publishedAt: d.publicationDate && /^\d{4}-/.test(d.publicationDate) ? londonToInstant(d.publicationDate, null) : null,
        },
        {},
        d.url || null,
      );
    }
    return item;
  }

  private async attendee(meeting: RecordOf<"meeting">, a: MgMeeting["attendees"][number]): Promise<void> {
    let personId = await importedRecord(this.s.db, this.s.authorityId, "person", a.memberId);
    if (personId && !(await this.s.get("person", personId))) personId = undefined;
    if (!personId) {
      const { honorific, name } = personName(a.name || `Member ${a.memberId}`);
      const person = await this.upsert(
        "person",
        "person",
        a.memberId,
        async () => undefined,
        { name, honorific, kind: "councillor", party: unescapeOnce(a.party).trim() || null, ward: unescapeOnce(a.ward).trim() || null },
        { slug: await this.freeSlug("person", slugify(name), a.memberId) },
      );
      personId = person.id;
      if (a.photoSmallUrl || a.keyPosts)
        await this.upsert("person_profile", null, null, async () => (await this.s.list("person_profile", { personId }))[0], {
          personId,
          photoSmallUrl: a.photoSmallUrl || null,
          photoBigUrl: a.photoBigUrl || null,
          keyPosts: a.keyPosts || null,
        });
    }
    const role = /vice/i.test(a.role)
      ? "vice-chair"
      : /chair/i.test(a.role)
        ? "chair"
        : /substitute/i.test(a.role)
          ? "substitute"
          : /member/i.test(a.role)
            ? "member"
            : null;
    if (role && !(await this.s.list("membership", { personId, committeeId: meeting.committeeId })).length) {
      await this.s.create("membership", { personId, committeeId: meeting.committeeId, role, kind: "councillor" });
      this.counts.created.membership = (this.counts.created.membership ?? 0) + 1;
    }
    const status = /apolog/i.test(a.attendance)
      ? "apologies"
      : /substitute/i.test(a.attendance)
        ? "substitute"
        : /absent/i.test(a.attendance)
          ? "absent"
          : /present|attended/i.test(a.attendance)
            ? "present"
            : null;
    if (!status) return; // "Expected": nothing has happened yet
    await this.upsert("attendance", null, null, async () => (await this.s.list("attendance", { meetingId: meeting.id, personId }))[0], {
      meetingId: meeting.id,
      personId,
      status,
    });
  }
}

/** Only the fields the source gives are compared; the Scope itself skips writes that change nothing. */
function differs(existing: object, input: object): boolean {
  const e = existing as Record<string, unknown>;
  return Object.entries(input).some(([k, v]) => v !== undefined && JSON.stringify(e[k] ?? null) !== JSON.stringify(v ?? null));
}

function committeeKind(title: string, category: string): CommitteeKind {
  const t = `${title} ${category}`.toLowerCase();
  if (/\bcabinet\b|\bexecutive\b/.test(title.toLowerCase())) return "cabinet";
  if (/scrutiny|overview/.test(t)) return "scrutiny";
  if (/sub[- ]committee/.test(t)) return "sub-committee";
  if (/^(full )?council$|council meeting/.test(title.toLowerCase().trim())) return "council";
  if (/licensing|planning|regulatory|development control/.test(t)) return "regulatory";
  if (/board|partnership/.test(t)) return "partnership-board";
  return "other";
}
