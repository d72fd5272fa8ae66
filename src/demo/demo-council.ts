import type { Store } from "../store/open.js";
import { createAuthority, authorityBySlug } from "../store/authorities.js";
import { Scope } from "../store/records.js";
import type { RecordOf } from "../domain/records.js";
import { addDays, londonToInstant, londonToday, municipalYear } from "../domain/time.js";
import { formatMinuteNumber, sameNumberingPeriod } from "../domain/minute-number.js";
import { paperScore } from "../domain/work-programme.js";
import { isWorkingDay } from "../domain/bank-holidays.js";
import { slugify } from "../domain/slug.js";
import {
  CHURCH_REPS,
  COMMITTEES,
  COUNCILLORS,
  DEMO_AUTHORITY,
  OFFICERS,
  type OfficerKey,
  PARENT_GOVERNORS,
  PORTFOLIOS,
  VENUES,
  type CommitteeSpec,
} from "./demo-data.js";
import { type Business, INTEREST_NAMES, budgetSettingBusiness, interestFor, planningBusiness, topicBusiness } from "./demo-business.js";
import { capitalise, listing, longDate, rng, type Rng } from "./demo-text.js";

export interface DemoOptions {
  /** The demo's "today"; meetings before it are held and minuted, later ones scheduled. */
  today?: string;
}

/** The Cabinet: these councillors hold PORTFOLIOS in order (the first is the Leader). */
const CABINET = [
  "David Archer",
  "Jennifer Aldridge",
  "Elizabeth Pargetter",
  "Lynda Snell",
  "Brian Aldridge",
  "Helen Archer",
  "Peggy Woolley",
  "Ruth Archer",
];

interface People {
  byName: Map<string, RecordOf<"person">>;
  officers: Record<OfficerKey, RecordOf<"person">>;
}

/**
 * Loads Borsetshire County Council: committees with their purposes, members and co-optees,
 * two municipal years of meetings with agendas, reports, minutes, attendance, declarations,
 * decisions, actions in every state, and forward work programmes. The text comes from
 * templates per kind of business (demo-business.ts), so minutes read like minutes.
 * Loads in one transaction; a second call does nothing.
 */
export async function loadDemo(store: Store, opts: DemoOptions = {}): Promise<{ authorityId: string; created: boolean }> {
  const existing = await authorityBySlug(store, DEMO_AUTHORITY.slug);
  if (existing) return { authorityId: existing.id, created: false };
  const today = opts.today ?? londonToday();
  const r = rng(20250530);
  return store.db.transaction().execute(async (trx) => {
    const txStore = { ...store, db: trx } as Store;
    const authority = await createAuthority(txStore, { ...DEMO_AUTHORITY, timezone: "Europe/London" });
    const s = new Scope(txStore, authority.id, "demo");
    const people = await createPeople(s);
    const councillors = COUNCILLORS.map(([name]) => name);
    const backbench = councillors.filter((n) => !CABINET.includes(n));
    const yearStart = `${municipalYear(today) - 1}-05-01`;
    const yearEnd = `${municipalYear(today) + 1}-04-30`;
    let cursor = 0;
    for (const spec of COMMITTEES) {
      const committee = await s.create("committee", {
        slug: spec.slug,
        name: spec.name,
        kind: spec.kind,
        minuteScheme: spec.scheme,
        activeFrom: "2013-05-01",
        description: spec.purpose,
      });
      const members =
        spec.kind === "council"
          ? [backbench[3], backbench[7], ...councillors.filter((n) => n !== backbench[3] && n !== backbench[7])]
          : spec.kind === "cabinet"
            ? CABINET
            : backbench
                .slice(cursor % backbench.length)
                .concat(backbench)
                .slice(0, spec.size);
      if (spec.kind !== "council" && spec.kind !== "cabinet") cursor += 5;
      for (const [i, name] of members.entries()) {
        await s.create("membership", {
          personId: people.byName.get(name)!.id,
          committeeId: committee.id,
          role: i === 0 ? "chair" : i === 1 ? "vice-chair" : "member",
          kind: "councillor",
          fromDate: yearStart,
        });
      }
      if (spec.kind !== "council") {
        // One member stepped down in the first year, so memberships have history.
        const leaver = backbench.find((n) => !members.includes(n)) ?? backbench[0];
        await s.create("membership", {
          personId: people.byName.get(leaver)!.id,
          committeeId: committee.id,
          role: "member",
          kind: "councillor",
          fromDate: "2023-05-18",
          toDate: `${municipalYear(today) - 1}-05-15`,
        });
      }
      if (spec.coOpted) {
        for (const [, name] of PARENT_GOVERNORS)
          await s.create("membership", {
            personId: people.byName.get(name)!.id,
            committeeId: committee.id,
            role: "member",
            kind: "co-opted",
            coOptedKind: "parent-governor",
            fromDate: yearStart,
          });
        for (const [, name, representing] of CHURCH_REPS)
          await s.create("membership", {
            personId: people.byName.get(name)!.id,
            committeeId: committee.id,
            role: "member",
            kind: "co-opted",
            coOptedKind: "church",
            representing,
            fromDate: yearStart,
          });
      }
      const others = backbench.filter((n) => !members.includes(n));
      await new MeetingWriter(s, r, spec, committee, members, others, people, today).run(yearStart, yearEnd);
    }
    return { authorityId: authority.id, created: true };
  });
}

async function createPeople(s: Scope): Promise<People> {
  const byName = new Map<string, RecordOf<"person">>();
  for (const [name, ward, party] of COUNCILLORS)
    byName.set(name, await s.create("person", { slug: slugify(name), name, honorific: "Cllr", kind: "councillor", party, ward }));
  const officers = {} as Record<OfficerKey, RecordOf<"person">>;
  for (const [key, [name, post, service]] of Object.entries(OFFICERS) as Array<[OfficerKey, readonly [string, string, string]]>) {
    officers[key] = await s.create("person", {
      slug: slugify(name),
      name,
      kind: "officer",
      post,
      service,
      email: `${slugify(name).replace(/-/g, ".")}@borsetshire.example.org`,
    });
    byName.set(name, officers[key]);
  }
  for (const [honorific, name] of [...PARENT_GOVERNORS, ...CHURCH_REPS.map(([h, n]) => [h, n] as const)])
    byName.set(name, await s.create("person", { slug: slugify(name), name, honorific, kind: "co-opted" }));
  return { byName, officers };
}

const cllr = (name: string) => `Councillor ${name}`;

/** Writes one committee's meetings, from the first of the two municipal years to the end of the second. */
class MeetingWriter {
  private minuteN = 1;
  private lastHeld: RecordOf<"meeting"> | null = null;
  private actionSeq = new Map<number, number>();
  private topicCursor: number;
  private lastConsidered = new Map<string, string>();
  private budgetYears = new Set<number>();
  private planningSerial = 100;

  constructor(
    private s: Scope,
    private r: Rng,
    private spec: CommitteeSpec,
    private committee: RecordOf<"committee">,
    private members: string[],
    private others: string[],
    private people: People,
    private today: string,
  ) {
    this.topicCursor = r.int(0, Math.max(0, spec.topics.length - 1));
  }

  private person(name: string): RecordOf<"person"> {
    return this.people.byName.get(name)!;
  }

  async run(from: string, to: string): Promise<void> {
    let date = addDays(from, 7 + this.r.int(0, 13));
    let count = 0;
    while (date <= to) {
      // Councils meet on working days: no weekends, no bank holidays.
      while (!isWorkingDay(date)) date = addDays(date, 1);
      await this.meeting(date, count++);
      date = addDays(date, this.spec.everyWeeks * 7);
    }
  }

  private businessFor(date: string, present: string[]): Business[] {
    const ctx = { r: this.r, date, spec: this.spec, present, chair: this.members[0], cabinet: CABINET };
    if (this.spec.kind === "sub-committee") {
      const n = this.r.int(2, 3);
      return Array.from({ length: n }, () => planningBusiness(ctx, (this.planningSerial += this.r.int(7, 90))));
    }
    const out: Business[] = [];
    const month = Number(date.slice(5, 7));
    const fyEnd = municipalYear(date);
    if (this.spec.kind === "council" && month >= 1 && month <= 3 && !this.budgetYears.has(fyEnd)) {
      this.budgetYears.add(fyEnd);
      out.push(budgetSettingBusiness(ctx));
    }
    while (out.length < this.spec.perMeeting) {
      const topic = this.spec.topics[this.topicCursor++ % this.spec.topics.length];
      out.push(topicBusiness(ctx, topic, this.lastConsidered.get(topic.title) ?? null));
      this.lastConsidered.set(topic.title, date);
    }
    return out;
  }

  private async meeting(date: string, count: number): Promise<void> {
    const { s, r, spec, committee, today } = this;
    const past = date < today;
    const status = count === 3 && spec.kind !== "council" ? "cancelled" : past ? "held" : "scheduled";
    const meeting = await s.create("meeting", {
      committeeId: committee.id,
      localDate: date,
      localTime: spec.time,
      startsAt: londonToInstant(date, spec.time),
      venue: spec.kind === "council" ? VENUES[0] : r.pick(VENUES),
      status,
      contactOfficer: `${OFFICERS.democratic[0]}, Democratic Services, 01632 960123`,
      agendaPublishedAt: date <= addDays(today, 10) ? londonToInstant(addDays(date, -8), "09:00") : null,
      // Draft minutes go out within a week of the meeting (public, marked draft, until approved).
      minutesPublishedAt: status === "held" ? londonToInstant(addDays(date, 7) < today ? addDays(date, 7) : today, "09:00") : null,
      webcastUrl: past && spec.kind !== "sub-committee" ? `https://webcast.borsetshire.example.org/${committee.slug}/${date}` : null,
      statusNote: status === "cancelled" ? "Cancelled: there was no business to transact." : null,
    });
    const absent = status === "held" ? r.some(this.members.slice(2), spec.kind === "council" ? r.int(1, 4) : r.int(0, 2)) : [];
    const present = this.members.filter((m) => !absent.includes(m));
    const business = this.businessFor(date, present);
    const opening = [
      "Apologies for Absence",
      ...(spec.kind === "council" || spec.kind === "cabinet" ? [] : ["Substitute Members"]),
      "Declarations of Interest",
      "Minutes of the Previous Meeting",
    ];
    const items: RecordOf<"agenda_item">[] = [];
    for (const [i, title] of opening.entries())
      items.push(
        await s.create("agenda_item", {
          meetingId: meeting.id,
          number: String(i + 1),
          position: i,
          title,
          kind: "procedural",
          pageFrom: title.startsWith("Minutes") ? 1 : null,
          pageTo: title.startsWith("Minutes") ? 6 : null,
        }),
      );
    let page = 7;
    const exemptSecret = (n: number) =>
      `Commercially sensitive: the preferred bidder's price is £${(1_000_000 + n).toLocaleString("en-GB")}.`;
    for (const [j, b] of business.entries()) {
      const exemptItem = b.title.startsWith("Disposal of Land") ? 3 : null;
      const author = this.people.officers[b.officer];
      const item = await s.create("agenda_item", {
        meetingId: meeting.id,
        number: String(opening.length + j + 1),
        position: opening.length + j,
        title: b.title,
        description: b.description,
        kind: spec.kind === "scrutiny" ? "discussion" : "decision",
        pageFrom: page,
        pageTo: page + b.pages.length - 1,
        exemptParagraph: exemptItem,
        toFollow: !past && j === 1 && r.chance(0.3),
      });
      items.push(item);
      const doc = await s.create("document", {
        meetingId: meeting.id,
        agendaItemId: item.id,
        kind: "report",
        title: b.reportTitle,
        pageCount: b.pages.length,
        exemptParagraph: exemptItem,
        publishedAt: meeting.agendaPublishedAt,
        mediaType: "text/plain",
      });
      for (const [p, text] of b.pages.entries())
        await s.create("document_page", {
          documentId: doc.id,
          pageNumber: p + 1,
          printedNumber: page + p,
          text: exemptItem && p === b.pages.length - 1 ? `${text}\n\n${exemptSecret(r.int(0, 900_000))}` : text,
        });
      page += b.pages.length;
      if (b.title.startsWith("Highways Maintenance Contract")) {
        // The bids go in a confidential appendix; the report itself is public.
        const appendix = await s.create("document", {
          meetingId: meeting.id,
          agendaItemId: item.id,
          kind: "appendix",
          title: "Appendix B: evaluation of bids (exempt)",
          pageCount: 1,
          exemptParagraph: 3,
          publishedAt: meeting.agendaPublishedAt,
          mediaType: "text/plain",
        });
        await s.create("document_page", {
          documentId: appendix.id,
          pageNumber: 1,
          printedNumber: page++,
          text: `Evaluation of bids\n\n${exemptSecret(r.int(0, 900_000))}`,
        });
      }
      await s.create("report_cover", {
        agendaItemId: item.id,
        documentId: doc.id,
        title: b.title,
        author: author.name,
        service: author.service,
        wards: b.wards,
        purpose: b.purpose,
        recommendations: b.recommendations,
        implications: b.implications,
      });
      await this.workProgramme(meeting, b, past, status);
    }
    if (status === "held") await this.minutes(meeting, date, items, business, absent, present);
    if (!past && spec.kind === "scrutiny" && count % 3 === 0) await this.proposed();
  }

  private async workProgramme(meeting: RecordOf<"meeting">, b: Business, past: boolean, status: string): Promise<void> {
    if (this.spec.kind === "sub-committee") return;
    const { s, r, spec } = this;
    const paper =
      spec.kind === "scrutiny"
        ? {
            publicInterest: r.chance(0.7),
            abilityToInfluence: r.chance(0.6),
            performance: r.chance(0.5),
            extent: r.chance(0.6),
            replication: r.chance(0.2),
            executiveDecision: r.chance(0.4),
          }
        : null;
    await s.create("work_programme_item", {
      committeeId: this.committee.id,
      meetingId: meeting.id,
      topic: b.title,
      reason: b.purpose,
      responsible: `${this.people.officers[b.officer].name}, ${OFFICERS[b.officer][1]}`,
      paper,
      score: paper ? paperScore(paper) : null,
      status: status === "cancelled" ? "dropped" : past ? "done" : "scheduled",
      recurrence: b.kind === "budget" || b.kind === "performance" ? "six-monthly" : "none",
    });
  }

  private async proposed(): Promise<void> {
    const { s, r } = this;
    const topic = r.pick(this.spec.topics);
    const paper = {
      publicInterest: true,
      abilityToInfluence: r.chance(0.6),
      performance: r.chance(0.5),
      extent: r.chance(0.6),
      replication: false,
      executiveDecision: r.chance(0.4),
    };
    await s.create("work_programme_item", {
      committeeId: this.committee.id,
      meetingId: null,
      plannedText: r.pick(["To be scheduled", "Spring, date to be confirmed", "After the Ofsted inspection report"]),
      topic: `${topic.title}: follow-up review`,
      reason: `Suggested by ${cllr(r.pick(this.members))} at the work programme planning session.`,
      responsible: `${this.people.officers[topic.officer].name}, ${OFFICERS[topic.officer][1]}`,
      paper,
      score: paperScore(paper),
      status: "proposed",
    });
  }

  private async minutes(
    meeting: RecordOf<"meeting">,
    date: string,
    items: RecordOf<"agenda_item">[],
    business: Business[],
    absent: string[],
    present: string[],
  ): Promise<void> {
    const { s, r, spec, committee } = this;
    if (!this.lastHeld || !sameNumberingPeriod(committee.minuteScheme, this.lastHeld.localDate, date)) this.minuteN = 1;
    for (const m of present)
      await s.create("attendance", { meetingId: meeting.id, personId: this.person(m).id, status: "present", capacity: "member" });
    for (const m of absent)
      await s.create("attendance", { meetingId: meeting.id, personId: this.person(m).id, status: "apologies", capacity: "member" });
    const subs: Array<[string, string]> = [];
    if (spec.kind !== "council" && spec.kind !== "cabinet") {
      const pool = r.some(this.others, absent.length);
      for (const [i, a] of absent.entries()) {
        if (!pool[i] || !r.chance(0.75)) continue;
        subs.push([pool[i], a]);
        await s.create("attendance", {
          meetingId: meeting.id,
          personId: this.person(pool[i]).id,
          status: "substitute",
          capacity: "member",
          substituteForId: this.person(a).id,
        });
      }
    }
    const officerKeys = new Set<OfficerKey>(["democratic", ...business.map((b) => b.officer)]);
    if (spec.kind === "council" || spec.kind === "cabinet") officerKeys.add("legal").add("chiefExecutive");
    for (const k of officerKeys)
      await s.create("attendance", { meetingId: meeting.id, personId: this.people.officers[k].id, status: "present", capacity: "officer" });
    if (spec.kind === "scrutiny") {
      const topic = spec.topics.find((t) => business.some((b) => b.title.startsWith(t.title)));
      const cm = topic ? CABINET[topic.portfolio] : null;
      if (cm)
        await s.create("attendance", {
          meetingId: meeting.id,
          personId: this.person(cm).id,
          status: "present",
          capacity: "in-attendance",
          note: `Cabinet Member for ${PORTFOLIOS[topic!.portfolio]}`,
        });
    }
    // Declarations: a member with an interest in one item of business, in its proper category.
    const declared: string[] = [];
    if (r.chance(0.45)) {
      const j = r.int(0, business.length - 1);
      const who = r.pick(present);
      const interest = interestFor(r, business[j].interestHook);
      const item = items[items.length - business.length + j];
      await s.create("declaration", {
        meetingId: meeting.id,
        agendaItemId: item.id,
        personId: this.person(who).id,
        type: interest.type,
        nature: interest.nature,
        dispensation: null,
      });
      declared.push(
        `${cllr(who)} declared ${INTEREST_NAMES[interest.type]} in item ${item.number} (${item.title}) ${interest.as}, and ${interest.effect}.`,
      );
    }
    const previous = this.lastHeld;
    // The first demo meeting approves the minutes of one held before the demo's records begin.
    const previousDate = previous?.localDate ?? addDays(date, -7 * spec.everyWeeks);
    const opening: Record<string, { text: string; decision?: string }> = {
      "Apologies for Absence": {
        text: absent.length
          ? r.pick([
              `Apologies for absence were received from ${listing(absent.map((a) => cllr(a)))}.`,
              `${listing(absent.map(cllr))} sent apologies.`,
              `Apologies were received from ${absent.length > 1 ? "Councillors" : "Councillor"} ${listing(absent)}.`,
            ])
          : "None.",
      },
      "Substitute Members": {
        text: subs.length ? subs.map(([sub, for_]) => `${cllr(sub)} attended as substitute for ${cllr(for_)}.`).join(" ") : "None.",
      },
      "Declarations of Interest": { text: declared.length ? declared.join(" ") : "None." },
      "Minutes of the Previous Meeting": {
        text: r.pick([
          `The minutes of the meeting held on ${longDate(previousDate)} were agreed as a correct record and signed by the Chair.`,
          `The minutes of the meeting held on ${longDate(previousDate)} were confirmed and signed by the Chair${r.chance(0.3) ? ", subject to the correction of a typing error at the foot of page 3" : ""}.`,
        ]),
        decision: `That the minutes of the meeting held on ${longDate(previousDate)} be confirmed as a correct record.`,
      },
    };
    for (const [k, item] of items.entries()) {
      const b = k >= items.length - business.length ? business[k - (items.length - business.length)] : null;
      const o = b ? null : opening[item.title];
      const minute = await s.create("minute", {
        meetingId: meeting.id,
        agendaItemId: item.id,
        number: formatMinuteNumber(committee.minuteScheme, this.minuteN++, date),
        position: k,
        title: item.title,
        text: b ? b.minute : (o?.text ?? "None."),
        status: "draft",
      });
      const decisions = b ? b.decisions : o?.decision ? [{ kind: "agreed" as const, text: o.decision }] : [];
      for (const [pos, d] of decisions.entries()) {
        const decision = await s.create("decision", {
          meetingId: meeting.id,
          minuteId: minute.id,
          agendaItemId: item.id,
          position: pos,
          decidedOn: date,
          kind: d.kind,
          text: d.text,
        });
        // One action per item of business, on its last decision.
        if (b && pos === decisions.length - 1) for (const a of b.actions) await this.action(meeting, decision, b.officer, a, date);
      }
    }
    // The previous meeting's minutes were approved at this one.
    if (previous) {
      for (const m of await s.list("minute", { meetingId: previous.id })) {
        await s.update("minute", m.id, {
          status: "approved",
          approvedAt: londonToInstant(date, spec.time),
          approvedAtMeetingId: meeting.id,
        });
      }
    }
    this.lastHeld = meeting;
  }

  private async action(
    meeting: RecordOf<"meeting">,
    decision: RecordOf<"decision">,
    key: OfficerKey,
    text: string,
    date: string,
  ): Promise<void> {
    const { s, r, committee, today, spec } = this;
    const owner = this.people.officers[key];
    const recommendation = spec.kind === "scrutiny" && decision.kind === "recommended";
    const year = municipalYear(date);
    const seq = (this.actionSeq.get(year) ?? 0) + 1;
    this.actionSeq.set(year, seq);
    const due = addDays(date, 28 + r.int(0, 150));
    const status =
      due < today
        ? r.pick(["complete", "complete", "complete", "discharged", "in-progress"] as const)
        : r.pick(["open", "in-progress", "in-progress"] as const);
    const action = await s.create("action", {
      committeeId: committee.id,
      meetingId: meeting.id,
      decisionId: decision.id,
      // Only a recommendation to the executive is tracked as one (with the executive's response);
      // what a committee asks its officers to do is an action on its own tracking paper.
      origin: recommendation ? "scrutiny-recommendation" : "decision",
      ref: `${spec.actionPrefix}/${String(year).slice(2)}/${String(seq).padStart(3, "0")}`,
      text: `${capitalise(text)}.`,
      ownerText: `${owner.name}, ${owner.post}`,
      ownerPersonId: owner.id,
      dueDate: due,
      status,
      executiveResponse: recommendation ? r.pick(["accepted", "accepted", "partly-accepted", "rejected"] as const) : null,
      completedOn: status === "complete" || status === "discharged" ? addDays(due, -r.int(1, 20)) : null,
    });
    const started = addDays(date, r.int(10, 30));
    if (status !== "open" && started < today) {
      await s.create("action_update", {
        actionId: action.id,
        onDate: started,
        text: r.pick([
          `Work has started; ${owner.name} has briefed the Chair.`,
          `A first draft has been shared with the Chair and Vice-Chair for comment.`,
          `Officers are gathering the information; a briefing note will follow by ${longDate(addDays(due, -7))}.`,
        ]),
        status: "in-progress",
        byName: owner.name,
      });
    }
    if (status === "complete" || status === "discharged") {
      await s.create("action_update", {
        actionId: action.id,
        onDate: action.completedOn!,
        text:
          status === "complete"
            ? r.pick([
                `Done: circulated to members on ${longDate(action.completedOn!)}.`,
                "Completed and reported to the committee.",
                "Completed; the information is on the committee's web page.",
              ])
            : "Discharged: overtaken by the new arrangements agreed by Cabinet.",
        status,
        byName: owner.name,
      });
    }
  }
}
