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
  PARAGRAPHS,
  PARENT_GOVERNORS,
  PARTIES,
  VENUES,
  WARDS,
  type CommitteeSpec,
} from "./demo-data.js";

/** Deterministic pseudo-random numbers (mulberry32), so the demo is the same on every machine. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)], chance: (p: number) => next() < p };
}

const OPENING = [
  "Apologies for Absence",
  "Appointment of Substitute Members",
  "Declarations of Interest",
  "Minutes of the Previous Meeting",
];

export interface DemoOptions {
  /** The demo's "today"; meetings before it are held and minuted, later ones scheduled. */
  today?: string;
}

/**
 * Loads Borsetshire County Council: committees, members and co-optees, two municipal years
 * of meetings with agendas, reports, minutes, attendance, declarations, decisions, actions
 * in every state, and work programmes. Loads in one transaction; a second call does nothing.
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

    const councillors: RecordOf<"person">[] = [];
    for (const [i, name] of COUNCILLORS.entries()) {
      councillors.push(
        await s.create("person", {
          slug: slugify(name),
          name,
          honorific: "Cllr",
          kind: "councillor",
          party: PARTIES[i % PARTIES.length],
          ward: WARDS[i % WARDS.length],
        }),
      );
    }
    const officers: RecordOf<"person">[] = [];
    for (const [name, post, service] of OFFICERS) {
      officers.push(
        await s.create("person", {
          slug: slugify(name),
          name,
          kind: "officer",
          post,
          service,
          email: `${slugify(name).replace(/-/g, ".")}@borsetshire.example.org`,
        }),
      );
    }
    const governors = [];
    for (const name of PARENT_GOVERNORS)
      governors.push(await s.create("person", { slug: slugify(name), name, honorific: "Mrs", kind: "co-opted" }));
    const church = [];
    for (const [name, rep] of CHURCH_REPS) {
      const [honorific, ...rest] = name.split(" ");
      church.push({
        person: await s.create("person", { slug: slugify(rest.join(" ")), name: rest.join(" "), honorific, kind: "co-opted" }),
        rep,
      });
    }

    const yearStart = `${municipalYear(today) - 1}-05-01`;
    const yearEnd = `${municipalYear(today) + 1}-04-30`;
    let memberCursor = 0;
    for (const spec of COMMITTEES) {
      const committee = await s.create("committee", {
        slug: spec.slug,
        name: spec.name,
        kind: spec.kind,
        minuteScheme: spec.scheme,
        activeFrom: "2013-05-01",
        description: `The ${spec.name} of Borsetshire County Council.`,
      });
      const members = councillors
        .slice(memberCursor % councillors.length)
        .concat(councillors)
        .slice(0, spec.size);
      memberCursor += 5;
      for (const [i, p] of members.entries()) {
        await s.create("membership", {
          personId: p.id,
          committeeId: committee.id,
          role: i === 0 ? "chair" : i === 1 ? "vice-chair" : "member",
          kind: "councillor",
          fromDate: yearStart,
        });
      }
      // One member stepped down in the first year, so memberships have history.
      const leaver = councillors[(memberCursor + 20) % councillors.length];
      await s.create("membership", {
        personId: leaver.id,
        committeeId: committee.id,
        role: "member",
        kind: "councillor",
        fromDate: "2023-05-18",
        toDate: `${municipalYear(today)}-05-15`,
      });
      if (spec.coOpted) {
        for (const g of governors)
          await s.create("membership", {
            personId: g.id,
            committeeId: committee.id,
            role: "member",
            kind: "co-opted",
            coOptedKind: "parent-governor",
            fromDate: yearStart,
          });
        for (const c of church)
          await s.create("membership", {
            personId: c.person.id,
            committeeId: committee.id,
            role: "member",
            kind: "co-opted",
            coOptedKind: "church",
            representing: c.rep,
            fromDate: yearStart,
          });
      }
      const others = councillors.filter((c) => !members.includes(c));
      await demoMeetings(s, r, spec, committee, members, others, officers, yearStart, yearEnd, today);
    }
    return { authorityId: authority.id, created: true };
  });
}

async function demoMeetings(
  s: Scope,
  r: ReturnType<typeof rng>,
  spec: CommitteeSpec,
  committee: RecordOf<"committee">,
  members: RecordOf<"person">[],
  others: RecordOf<"person">[],
  officers: RecordOf<"person">[],
  from: string,
  to: string,
  today: string,
): Promise<void> {
  let date = addDays(from, 7 + Math.floor(r.next() * 14));
  let count = 0;
  let minuteN = 1;
  let lastDate: string | null = null;
  let previous: RecordOf<"meeting"> | null = null;
  const wp: RecordOf<"work_programme_item">[] = [];
  while (date <= to) {
    // Councils meet on working days: no weekends, no bank holidays.
    while (!isWorkingDay(date)) date = addDays(date, 1);
    const past = date < today;
    const status = count === 3 ? "cancelled" : past ? "held" : "scheduled";
    const meeting = await s.create("meeting", {
      committeeId: committee.id,
      localDate: date,
      localTime: spec.time,
      startsAt: londonToInstant(date, spec.time),
      venue: r.pick(VENUES),
      status,
      contactOfficer: "Joe Grundy, Democratic Services, 01632 960123",
      agendaPublishedAt: date <= addDays(today, 10) ? londonToInstant(addDays(date, -8), "09:00") : null,
      // Draft minutes go out within a week of the meeting (public, marked draft, until approved).
      minutesPublishedAt: status === "held" ? londonToInstant(addDays(date, 7) < today ? addDays(date, 7) : today, "09:00") : null,
      webcastUrl: past && spec.kind !== "sub-committee" ? `https://webcast.borsetshire.example.org/${committee.slug}/${date}` : null,
      statusNote: status === "cancelled" ? "Cancelled: no business to transact." : null,
    });
    count++;
    const items: RecordOf<"agenda_item">[] = [];
    for (const [i, title] of OPENING.entries()) {
      items.push(
        await s.create("agenda_item", {
          meetingId: meeting.id,
          number: String(i + 1),
          position: i,
          title,
          kind: "procedural",
          pageFrom: i === 3 ? 1 : null,
          pageTo: i === 3 ? 6 : null,
        }),
      );
    }
    let page = 7;
    const topics = [r.pick(spec.topics), r.pick(spec.topics)].filter((t, i, a) => a.indexOf(t) === i);
    for (const [j, topic] of topics.entries()) {
      const pages = 2 + Math.floor(r.next() * 3);
      const exempt = spec.kind === "cabinet" && j === 1 && r.chance(0.4) ? 3 : null;
      const author = r.pick(officers);
      const item = await s.create("agenda_item", {
        meetingId: meeting.id,
        number: String(OPENING.length + j + 1),
        position: OPENING.length + j,
        title: topic,
        description: `To consider the report of the ${author.post} on ${topic.toLowerCase()}.`,
        kind: spec.kind === "scrutiny" ? "discussion" : "decision",
        pageFrom: page,
        pageTo: page + pages - 1,
        exemptParagraph: exempt,
        toFollow: !past && j === 1 && r.chance(0.3),
      });
      items.push(item);
      const doc = await s.create("document", {
        meetingId: meeting.id,
        agendaItemId: item.id,
        kind: "report",
        title: `${topic}: report of the ${author.post}`,
        pageCount: pages,
        exemptParagraph: exempt,
        publishedAt: meeting.agendaPublishedAt,
        mediaType: "text/plain",
      });
      for (let p = 1; p <= pages; p++) {
        const body = [1, 2, 3, 4].map(() => r.pick(PARAGRAPHS)).join("\n\n");
        const secret = exempt
          ? `\n\nCommercially sensitive: the preferred bidder's price is £${(1_000_000 + Math.floor(r.next() * 900_000)).toLocaleString("en-GB")}.`
          : "";
        await s.create("document_page", {
          documentId: doc.id,
          pageNumber: p,
          printedNumber: page + p - 1,
          text: `${topic}\n\n${body}${secret}`,
        });
      }
      await s.create("report_cover", {
        agendaItemId: item.id,
        documentId: doc.id,
        title: topic,
        author: author.name,
        service: author.service,
        wards: r.chance(0.7) ? "All" : r.pick(WARDS),
        purpose: `To update members on ${topic.toLowerCase()}.`,
        recommendations:
          spec.kind === "scrutiny"
            ? "That the committee notes the report and makes any comments."
            : "That the recommendations set out in section 2 be approved.",
        implications: "Financial, legal, equalities and climate implications are set out in section 6.",
      });
      page += pages;
    }
    if (status === "held") {
      if (!lastDate || !sameNumberingPeriod(committee.minuteScheme, lastDate, date)) minuteN = 1;
      lastDate = date;
      const absent = r.pick(members.slice(2));
      for (const m of members) {
        await s.create("attendance", {
          meetingId: meeting.id,
          personId: m.id,
          status: m === absent ? "apologies" : "present",
          capacity: "member",
        });
      }
      if (r.chance(0.6)) {
        await s.create("attendance", {
          meetingId: meeting.id,
          personId: r.pick(others).id,
          status: "substitute",
          capacity: "member",
          substituteForId: absent.id,
        });
      }
      if (r.chance(0.3)) {
        await s.create("attendance", {
          meetingId: meeting.id,
          personId: r.pick(others).id,
          status: "present",
          capacity: "in-attendance",
          note: "Cabinet Member",
        });
      }
      await s.create("attendance", { meetingId: meeting.id, personId: r.pick(officers).id, status: "present", capacity: "officer" });
      for (const [k, item] of items.entries()) {
        const number = formatMinuteNumber(committee.minuteScheme, minuteN++, date);
        const text =
          k === 0
            ? `Apologies were received from Councillor ${absent.name}.`
            : k === 2
              ? "No further declarations were made."
              : `The committee considered ${item.title.toLowerCase()}.`;
        const minute = await s.create("minute", {
          meetingId: meeting.id,
          agendaItemId: item.id,
          number,
          position: k,
          title: item.title,
          text,
          status: "draft",
        });
        if (k >= 3) {
          const decision = await s.create("decision", {
            meetingId: meeting.id,
            minuteId: minute.id,
            agendaItemId: item.id,
            position: 0,
            decidedOn: date,
            kind: k === 3 ? "agreed" : spec.kind === "scrutiny" ? "recommended" : "resolved",
            text:
              k === 3
                ? "That the minutes of the previous meeting be confirmed as a correct record and signed by the Chair."
                : `That ${r.pick(["the report be noted", "the recommendations be approved", "officers report back within six months", "the Cabinet be asked to review the policy"])} in respect of ${item.title.toLowerCase()}.`,
          });
          if (k > 3) await demoActions(s, r, committee, meeting, decision, officers, date, today);
        }
      }
      if (r.chance(0.5)) {
        const who = r.pick(members);
        await s.create("declaration", {
          meetingId: meeting.id,
          agendaItemId: items[OPENING.length]?.id ?? null,
          personId: who.id,
          type: r.pick(["dpi", "ori", "nri"] as const),
          nature: r.pick([
            "Employed by Borsetshire NHS Foundation Trust",
            "A governor at Loxley Barrett Primary School",
            "Owns property adjoining the application site",
            "Member of the Felpersham Allotment Society",
          ]),
          dispensation: null,
        });
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
      previous = meeting;
    }
    if (spec.kind === "scrutiny" && wp.length < 10) {
      const paper = {
        publicInterest: r.chance(0.7),
        abilityToInfluence: r.chance(0.6),
        performance: r.chance(0.5),
        extent: r.chance(0.6),
        replication: r.chance(0.2),
        executiveDecision: r.chance(0.4),
      };
      wp.push(
        await s.create("work_programme_item", {
          committeeId: committee.id,
          meetingId: past ? meeting.id : null,
          plannedText: past ? null : "To be scheduled",
          topic: r.pick(spec.topics),
          reason: "Requested by members following the budget scrutiny sessions.",
          responsible: r.pick(officers).name,
          paper,
          score: paperScore(paper),
          status: past ? "done" : r.chance(0.5) ? "scheduled" : "proposed",
          recurrence: r.chance(0.3) ? "annual" : "none",
        }),
      );
    }
    date = addDays(date, spec.everyWeeks * 7);
  }
}

async function demoActions(
  s: Scope,
  r: ReturnType<typeof rng>,
  committee: RecordOf<"committee">,
  meeting: RecordOf<"meeting">,
  decision: RecordOf<"decision">,
  officers: RecordOf<"person">[],
  date: string,
  today: string,
): Promise<void> {
  const owner = r.pick(officers);
  const due = addDays(date, 30 + Math.floor(r.next() * 150));
  const status =
    due < today ? r.pick(["complete", "complete", "discharged", "open", "in-progress"] as const) : r.pick(["open", "in-progress"] as const);
  const action = await s.create("action", {
    committeeId: committee.id,
    meetingId: meeting.id,
    decisionId: decision.id,
    origin: committee.kind === "scrutiny" ? "scrutiny-recommendation" : "decision",
    ref: `${date.slice(2, 4)}/${decision.position + 1}`,
    text: `${owner.post} to provide a written update on ${decision.text.replace(/^That /, "").replace(/\.$/, "")}.`,
    ownerText: owner.name,
    ownerPersonId: owner.id,
    dueDate: due,
    status,
    executiveResponse: committee.kind === "scrutiny" ? r.pick(["accepted", "partly-accepted", "rejected"] as const) : null,
    completedOn: status === "complete" || status === "discharged" ? addDays(due, -5) : null,
  });
  if (status !== "open") {
    await s.create("action_update", {
      actionId: action.id,
      onDate: addDays(date, 21),
      text: "Work has started; a briefing note has gone to members.",
      status: "in-progress",
      byName: owner.name,
    });
  }
  if (status === "complete" || status === "discharged") {
    await s.create("action_update", {
      actionId: action.id,
      onDate: addDays(due, -5),
      text: "Update circulated to the committee; action closed.",
      status,
      byName: owner.name,
    });
  }
}
