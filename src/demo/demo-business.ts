import type { Decision } from "../domain/decision.js";

type DecisionKind = Decision["kind"];
import {
  APPLICANTS,
  type CommitteeSpec,
  OFFICERS,
  type OfficerKey,
  PLANNING_PROPOSALS,
  PLANNING_SITES,
  PORTFOLIOS,
  PUBLIC_NAMES,
  type ReportKind,
  type Topic,
} from "./demo-data.js";
import { capitalise, fill, financialQuarter, listing, longDate, monthYear, type Rng } from "./demo-text.js";

/** One item of business as the demo writes it: agenda entry, report, minute, decisions, actions. */
export interface Business {
  kind: ReportKind;
  title: string;
  description: string;
  officer: OfficerKey;
  reportTitle: string;
  purpose: string;
  recommendations: string;
  implications: string;
  wards: string;
  pages: string[];
  minute: string;
  decisions: Array<{ kind: DecisionKind; text: string }>;
  /** Follow-up work for the report's officer ("Circulate … to members"). */
  actions: string[];
  /** Where a member with an interest would declare one. */
  interestHook: "land" | "school" | "health" | "charity";
}

export interface MeetingContext {
  r: Rng;
  date: string;
  spec: CommitteeSpec;
  /** Members present (names, no honorific). */
  present: string[];
  chair: string;
  /** Cabinet Member for each portfolio (index into PORTFOLIOS). */
  cabinet: string[];
}

const officer = (k: OfficerKey) => ({ name: OFFICERS[k][0], post: OFFICERS[k][1] });
const cllr = (name: string) => `Councillor ${name}`;
const lowerFirst = (s: string) =>
  /^[A-Z]([a-z]| )/.test(s) && !/^(Borsetshire|Borchester|Felpersham|Ambridge|Hollerton|Cabinet|NHS)/.test(s)
    ? s.charAt(0).toLowerCase() + s.slice(1)
    : s;

/** A planning application made up for one meeting: number in the year's series, site, proposal. */
export function planningBusiness(ctx: MeetingContext, serial: number): Business {
  const { r, date, present } = ctx;
  const [site, ward] = r.pick(PLANNING_SITES);
  const [proposalT, suffix] = r.pick(PLANNING_PROPOSALS);
  const proposal = fill(r, proposalT);
  const ref = `${date.slice(2, 4)}/${String(serial).padStart(5, "0")}/${suffix}`;
  const applicant = r.pick(APPLICANTS);
  const grant = r.chance(0.75);
  const o = officer(r.chance(0.7) ? "planningCase" : "planning");
  const objections = r.int(3, 140);
  const support = r.int(0, 40);
  const conditions = r.int(6, 24);
  const concerns = r.some(
    [
      "highway safety at the site access",
      "the loss of hedgerows",
      "flood risk downstream",
      "the effect on the setting of the conservation area",
      "parking on neighbouring streets",
      "noise from deliveries",
      "overlooking of neighbouring gardens",
      "the capacity of the local primary school",
      "lorry movements through the village",
    ],
    3,
  );
  const wardMember = r.pick(present);
  const objector = r.pick(PUBLIC_NAMES);
  const forV = r.int(4, Math.max(5, present.length));
  const against = r.int(0, Math.max(0, present.length - forV));
  const abstain = Math.max(0, present.length - forV - against - r.int(0, 1));
  const title = `Application ${ref}: ${site}, ${ward}`;
  const verdict = grant ? "approval" : "refusal";
  const minute = [
    r.pick([
      `${o.name}, ${o.post}, presented the application for ${lowerFirst(proposal)} at ${site}, ${ward}.`,
      `Application ${ref}, for ${lowerFirst(proposal)} at ${site}, was introduced by ${o.name} (${o.post}).`,
      `${o.name} introduced the report on application ${ref}, explaining that it had come to committee because ${r.pick([`the ward member had called it in`, `more than ${objections > 20 ? 20 : 10} objections had been received`, `the council owned part of the site`])}.`,
    ]),
    r.pick([
      `The late representations sheet reported ${objections} letters of objection and ${support} in support.`,
      `Since the agenda was published ${r.int(2, 9)} further objections had been received, bringing the total to ${objections}.`,
      `${objections} objections had been received, mainly about ${concerns[0]}.`,
    ]),
    r.pick([
      `${objector} spoke against the application, and the agent for ${applicant} spoke in support.`,
      `${objector} addressed the committee on behalf of residents of ${ward}, raising ${concerns[1]}.`,
      `Under the public speaking scheme ${objector} objected to the proposal and a representative of ${applicant} answered members' questions.`,
    ]),
    r.chance(0.6)
      ? `${cllr(wardMember)} asked about ${concerns[2]}; ${o.name} said that ${r.pick([`condition ${r.int(3, conditions)} dealt with it`, `the highway authority had raised no objection`, `the drainage strategy had been accepted by the lead local flood authority`, `it could not be given weight under national policy`])}.`
      : `Members debated ${concerns[2]} and ${concerns[0]} at some length.`,
    `On being put to the vote, the recommendation to ${grant ? "grant" : "refuse"} application ${ref} was carried by ${forV} votes to ${against}${abstain ? `, with ${abstain} abstention${abstain > 1 ? "s" : ""}` : ""}.`,
  ].join(" ");
  const decision = grant
    ? `That planning permission for application ${ref} be granted subject to the ${conditions} conditions set out in the report${r.chance(0.4) ? ` and a section 106 agreement securing ${r.int(20, 40)}% affordable housing` : ""}.`
    : `That planning permission for application ${ref} be refused because of ${concerns[r.int(0, 1)]}, contrary to policy ${r.pick(["CS4", "DM12", "ENV3", "T2"])} of the Borsetshire Local Plan.`;
  return {
    kind: "planning",
    title,
    description: `${proposal} at ${site}, ${ward}. Applicant: ${applicant}. Recommendation: ${verdict}.`,
    officer: o.name === OFFICERS.planning[0] ? "planning" : "planningCase",
    reportTitle: `${title}: report of the Head of Planning`,
    purpose: `To determine application ${ref} for ${lowerFirst(proposal)}.`,
    recommendations: grant
      ? `Grant permission subject to ${conditions} conditions.`
      : "Refuse permission for the reasons set out in section 9.",
    implications:
      "The decision may be appealed to the Planning Inspectorate; a refusal must give clear reasons grounded in the development plan.",
    wards: ward,
    pages: [
      `${title}\n\nProposal: ${proposal}.\nApplicant: ${applicant}.\nWard: ${ward}.\nCase officer: ${o.name}.\n\nRecommendation: ${capitalise(verdict)}.`,
      `Site and surroundings\n\nThe site lies ${r.pick(["on the edge of", "within", "to the north of"])} ${ward} and extends to ${r.int(1, 9)}.${r.int(1, 9)} hectares.\n\nConsultation responses\n\n${objections} objections and ${support} letters of support were received. The main issues raised were ${listing(concerns)}.`,
      `Assessment\n\nThe proposal has been assessed against the Borsetshire Local Plan and the National Planning Policy Framework. ${grant ? "On balance the benefits outweigh the harm identified." : "The harm identified is not outweighed by the public benefits of the scheme."}\n\nConditions\n\n${conditions} conditions are recommended, covering materials, landscaping, drainage and construction hours.`,
    ],
    minute,
    decisions: [{ kind: "resolved", text: decision }],
    actions: grant && r.chance(0.4) ? [`report completion of the legal agreement for application ${ref} to the next meeting`] : [],
    interestHook: "land",
  };
}

const INTROS: Record<Exclude<ReportKind, "planning">, string[]> = {
  budget: [
    "{officer}, {post}, presented the {period} report on {phrase}.",
    "The {post}, {officer}, introduced the {period} position on {phrase}.",
    "{cm}, Cabinet Member for {portfolio}, introduced the {period} report on {phrase}, and {officer} ({post}) answered questions.",
  ],
  scrutiny: [
    "{officer} ({post}) introduced the report on {phrase}.",
    "The committee received a report from the {post}, presented by {officer}, on {phrase}.",
    "{cm}, Cabinet Member for {portfolio}, attended with {officer}, {post}, to answer questions on {phrase}.",
    "{officer} presented an update on {phrase} since the committee last considered it in {last}.",
  ],
  policy: [
    "{cm}, Cabinet Member for {portfolio}, introduced the report on {phrase}.",
    "{officer}, {post}, presented the report on {phrase} on behalf of the Cabinet Member for {portfolio}.",
    "The {post}, {officer}, set out the proposals on {phrase} and the response to consultation.",
  ],
  performance: [
    "{officer}, {post}, presented the report on {phrase} for {period}.",
    "The committee received the {period} report on {phrase}, introduced by {officer} ({post}).",
    "{cm}, Cabinet Member for {portfolio}, introduced the report on {phrase} for {period}.",
  ],
};

const ASKED = [
  "{member} asked {q}; {officer} replied that {a}.",
  "In answer to {member}, who asked {q}, the {post} said that {a}.",
  "{member} asked {q}. {officer} explained that {a}.",
  "Asked by {member} {q}, {officer} confirmed that {a}.",
];

const CLOSES: Record<Exclude<ReportKind, "planning">, string[]> = {
  budget: [
    "{member} welcomed the progress on savings but warned that the {period} position left little room for further pressures.",
    "The Chair, {chair}, thanked {officer} and asked that members receive the figures by ward where they were available.",
    "{member} moved the recommendations, which were seconded by {member2} and agreed.",
  ],
  scrutiny: [
    "The Chair, {chair}, thanked {officer} and summed up the committee's concerns about {phrase}.",
    "{member} proposed that the committee return to {phrase} in {next}, and members agreed.",
    "Members thanked the officers for a clear report and noted that {member} would join the task and finish group.",
    "{member2} asked that the committee's thanks be passed to the staff working on {phrase}.",
  ],
  policy: [
    "{member} moved the recommendations, seconded by {member2}, and they were agreed.",
    "The Chair, {chair}, thanked the {post} and the consultation team for their work on {phrase}.",
    "{member} proposed an amendment asking for a review after twelve months, which {member2} seconded and the meeting accepted.",
  ],
  performance: [
    "The Chair, {chair}, asked for the indicators that had been red for two quarters to be brought back in {next}.",
    "{member} welcomed the improvement and asked that the report be shared with the ward members concerned.",
    "{member2} noted that the measures in the report were under review for {next}.",
  ],
};

function sub(template: string, vars: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => vars[k] ?? m);
}

/** A report's business from a topic: report pages, a minute of the debate, decisions and actions. */
export function topicBusiness(ctx: MeetingContext, topic: Topic, lastConsidered: string | null): Business {
  const { r, date, spec, present, chair } = ctx;
  const kind = topic.kind === "planning" ? "policy" : topic.kind;
  const o = officer(topic.officer);
  const { fy, quarter } = financialQuarter(date);
  const y = Number(date.slice(0, 4)) - (Number(date.slice(5, 7)) < 4 ? 1 : 0);
  const period =
    kind === "budget" || kind === "performance" ? `Quarter ${quarter} ${fy}` : `${y}/${String((y + 1) % 100).padStart(2, "0")}`;
  const cm = cllr(ctx.cabinet[topic.portfolio] ?? chair);
  const others = present.filter((p) => p !== chair);
  const [m1, m2, m3] = r.some(others.length >= 3 ? others : present, 3).map(cllr);
  const nextMeet = monthYear(addMonths(date, r.int(3, 7)));
  const vars: Record<string, string> = {
    officer: o.name,
    post: o.post,
    phrase: topic.phrase,
    period,
    cm,
    portfolio: PORTFOLIOS[topic.portfolio],
    last: lastConsidered ? monthYear(lastConsidered) : monthYear(addMonths(date, -r.int(5, 10))),
    member: m1 ?? cllr(chair),
    member2: m2 ?? cllr(chair),
    chair: cllr(chair),
    next: nextMeet,
  };
  const facts = r.some(topic.facts, Math.min(topic.facts.length, r.int(1, 2))).map((f) => fill(r, f));
  const qs = r.some(topic.questions, Math.min(topic.questions.length, r.int(1, 2)));
  const askers = [m1, m3, m2].filter(Boolean) as string[];
  const minute = [
    fill(r, sub(r.pick(INTROS[kind]), vars)),
    ...facts.map((f, i) => (i === 0 ? r.pick([f, `The report noted that ${lowerFirst(f)}`, `Members heard that ${lowerFirst(f)}`]) : f)),
    ...qs.map(([q, a], i) => fill(r, sub(r.pick(ASKED), { ...vars, member: askers[i] ?? vars.member, q, a }))),
    fill(r, sub(r.pick(CLOSES[kind]), vars)),
  ].join(" ");
  const action = r.pick(topic.actions);
  const title = kind === "budget" || kind === "performance" ? `${topic.title}: Quarter ${quarter} ${fy}` : topic.title;
  const decisions = decisionsFor(ctx, kind, topic, title, period, o.post, action);
  return {
    kind,
    title,
    description: r.pick([
      `To consider the report of the ${o.post} on ${topic.phrase}.`,
      `Report of the ${o.post}.`,
      `To receive the ${kind === "scrutiny" ? "update" : "report"} of the ${o.post}.`,
    ]),
    officer: topic.officer,
    reportTitle: `${title}: report of the ${o.post}`,
    purpose: r.pick([
      `To set out ${topic.phrase} for ${period} and the options for the ${spec.kind === "cabinet" ? "Cabinet" : "committee"}.`,
      `To inform members about ${topic.phrase} and seek their views.`,
      `To ${kind === "policy" ? "seek approval of" : "report on"} ${topic.phrase}.`,
    ]),
    recommendations: decisions.map((d) => d.text.replace(/^That /, "")).join(" "),
    implications: r.pick([
      "Financial: contained within the approved budget. Legal: none beyond those in the report. Equalities: an impact assessment is appended.",
      "The financial, legal, equalities and climate implications are set out in section 6 of the report.",
      `Financial: a cost of about £${r.int(20, 400)},000 a year, met from the ${o.post.replace(/ and Section 151 Officer$/, "")}'s budget. Equalities: no adverse effect identified.`,
    ]),
    wards: r.chance(0.7) ? "All" : r.pick(["Felpersham East", "Borchester North", "Hollerton", "Ambridge"]),
    pages: reportPages(r, title, o, topic, period, facts),
    minute,
    decisions,
    actions: kind === "performance" && r.chance(0.5) ? [] : [action],
    interestHook:
      topic.officer === "education" || topic.officer === "children"
        ? "school"
        : topic.portfolio === 3 || topic.portfolio === 7
          ? "health"
          : "charity",
  };
}

function decisionsFor(
  ctx: MeetingContext,
  kind: Exclude<ReportKind, "planning">,
  topic: Topic,
  title: string,
  period: string,
  post: string,
  action: string,
): Array<{ kind: DecisionKind; text: string }> {
  const { r, spec } = ctx;
  const ask = `the ${post} be asked to ${action}`;
  if (spec.kind === "scrutiny") {
    return r.chance(0.5)
      ? [{ kind: "resolved", text: `That the report on ${topic.phrase} be noted and ${ask}.` }]
      : [
          {
            kind: "recommended",
            text: `That the Cabinet Member for ${PORTFOLIOS[topic.portfolio]} be recommended to ${r.pick([
              `publish a timetable for improving ${topic.phrase} by ${monthYear(addMonths(ctx.date, 6))}`,
              `report back on ${topic.phrase} within six months`,
              `include ${topic.phrase} in the next budget consultation`,
            ])}, and that ${ask}.`,
          },
        ];
  }
  if (kind === "budget")
    return [
      { kind: "noted", text: `That the ${period} position on ${topic.phrase} be noted.` },
      { kind: "resolved", text: `That ${ask}.` },
    ];
  if (kind === "performance")
    return [{ kind: "noted", text: `That the ${title} report be noted${r.chance(0.5) ? `, and that ${ask}` : ""}.` }];
  if (spec.kind === "council")
    return [{ kind: "resolved", text: `That ${topic.phrase.replace(/^the /, "the ")} for ${period} be approved, and that ${ask}.` }];
  return [
    { kind: "resolved", text: `That the recommendations on ${topic.phrase} in section 2 of the report be approved.` },
    {
      kind: "resolved",
      text: `That authority be delegated to the ${post}, in consultation with the Cabinet Member for ${PORTFOLIOS[topic.portfolio]}, to ${action}.`,
    },
  ];
}

function reportPages(r: Rng, title: string, o: { name: string; post: string }, topic: Topic, period: string, facts: string[]): string[] {
  const extra = topic.facts.filter((f) => !facts.includes(f)).map((f) => fill(r, f));
  return [
    `${title}\n\nReport of the ${o.post}\nContact: ${o.name}\n\n1. Purpose\n\nThis report sets out ${topic.phrase} for ${period}.`,
    `2. Background\n\n${facts.join(" ")}\n\n3. Current position\n\n${extra.join(" ") || "Progress since the last report is summarised in Appendix A."}`,
    `4. Consultation\n\n${r.pick(["Ward members, partners and service users were consulted.", "The Cabinet Member and the relevant scrutiny chair were briefed.", `${r.int(40, 900)} residents responded to the online survey.`])}\n\n5. Risks\n\n${r.pick(["Rising demand remains the main risk and is on the corporate risk register.", "Recruitment of specialist staff remains difficult.", "Government funding beyond next year is not yet confirmed."])}`,
  ].slice(0, r.chance(0.5) ? 3 : 2);
}

/** Full Council's budget meeting, in the last quarter of the financial year. */
export function budgetSettingBusiness(ctx: MeetingContext): Business {
  const { r, date, chair, cabinet } = ctx;
  const y = Number(date.slice(0, 4));
  const fy = `${y}/${String((y + 1) % 100).padStart(2, "0")}`;
  const rise = `${r.int(2, 4)}.99`;
  const bandD = `£${r.int(1700, 1900).toLocaleString("en-GB")}.${r.int(10, 99)}`;
  const net = r.int(520, 640);
  const leader = cllr(cabinet[0] ?? chair);
  const finance = cllr(cabinet[1] ?? chair);
  const opp = cllr(r.pick(ctx.present.filter((p) => !cabinet.includes(p))) ?? chair);
  const forV = r.int(18, 24);
  const against = r.int(8, 14);
  const f = officer("finance");
  return {
    kind: "budget",
    title: `Budget and Council Tax ${fy}`,
    description: `To set the revenue budget, capital programme and council tax for ${fy}, on the recommendation of Cabinet.`,
    officer: "finance",
    reportTitle: `Budget and Council Tax ${fy}: report of the ${f.post}`,
    purpose: `To set a balanced budget and the council tax for ${fy}.`,
    recommendations: `Approve a net revenue budget of £${net}m and a council tax increase of ${rise}%, including 2% for adult social care.`,
    implications: `The ${f.post} reports under section 25 of the Local Government Act 2003 that the estimates are robust and reserves adequate.`,
    wards: "All",
    pages: [
      `Budget and Council Tax ${fy}\n\nReport of the ${f.post}\n\nThe recommended net revenue budget is £${net}m. A council tax increase of ${rise}% gives a Band D charge of ${bandD}.`,
      `Robustness of the estimates\n\nThe ${f.post} is satisfied that the estimates are robust and that general reserves of £${r.int(25, 40)}m are adequate.`,
    ],
    minute: [
      `${finance}, Cabinet Member for Finance and Resources, moved the budget recommended by Cabinet, and ${leader} seconded it.`,
      `${f.name}, ${f.post}, gave the council the statutory statement on the robustness of the estimates and the adequacy of reserves.`,
      `${opp} moved an amendment to fund ${r.pick(["rural bus services", "pothole repairs", "youth services", "library opening hours"])} from reserves, which was lost by ${against + 2} votes to ${forV - 2}.`,
      `In accordance with the Budget and Policy Framework Procedure Rules a recorded vote was taken on the substantive motion, which was carried by ${forV} votes to ${against}.`,
    ].join(" "),
    decisions: [
      { kind: "resolved", text: `That a net revenue budget of £${net}m for ${fy} be approved.` },
      { kind: "resolved", text: `That the council tax for ${fy} be increased by ${rise}%, giving a Band D charge of ${bandD}.` },
    ],
    actions: [`publish the council tax leaflet for ${fy} before annual bills are sent`],
    interestHook: "charity",
  };
}

export function addMonths(iso: string, months: number): string {
  const d = new Date(`${iso}T12:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
}

/** The declaration a member makes for a kind of business: its category and nature. */
export function interestFor(
  r: Rng,
  hook: Business["interestHook"],
): { type: "dpi" | "ori" | "nri"; nature: string; as: string; effect: string } {
  const leave = "left the meeting for that item and took no part in the vote";
  const stay = "remained in the meeting and took part in the debate";
  switch (hook) {
    case "land":
      return r.pick([
        {
          type: "dpi" as const,
          nature: "Owns land adjoining the application site",
          as: "as the owner of land adjoining the site",
          effect: leave,
        },
        {
          type: "nri" as const,
          nature: "Knows the applicant personally",
          as: "because the applicant was known to them personally",
          effect: leave,
        },
        {
          type: "ori" as const,
          nature: "A member of the parish council that commented on the application",
          as: "as a member of the parish council that had commented on the application",
          effect: stay,
        },
      ]);
    case "school":
      return r.pick([
        {
          type: "ori" as const,
          nature: "A governor of Loxley Barrett Primary School",
          as: "as a governor of Loxley Barrett Primary School",
          effect: stay,
        },
        {
          type: "nri" as const,
          nature: "A close family member attends a school named in the report",
          as: "because a close family member attends a school named in the report",
          effect: stay,
        },
      ]);
    case "health":
      return r.pick([
        {
          type: "dpi" as const,
          nature: "Employed by Borsetshire NHS Foundation Trust",
          as: "as an employee of Borsetshire NHS Foundation Trust",
          effect: leave,
        },
        {
          type: "ori" as const,
          nature: "A trustee of Borsetshire Carers' Centre",
          as: "as a trustee of Borsetshire Carers' Centre",
          effect: stay,
        },
        {
          type: "nri" as const,
          nature: "A close relative receives care at home arranged by the council",
          as: "because a close relative receives care at home arranged by the council",
          effect: stay,
        },
      ]);
    default:
      return r.pick([
        {
          type: "ori" as const,
          nature: "A trustee of the Ambridge Village Hall charity",
          as: "as a trustee of the Ambridge Village Hall charity",
          effect: stay,
        },
        {
          type: "ori" as const,
          nature: "A member of the Felpersham Allotment Society committee",
          as: "as a member of the Felpersham Allotment Society committee",
          effect: stay,
        },
        {
          type: "nri" as const,
          nature: "A neighbour is employed by a bidder named in the report",
          as: "because a neighbour is employed by a bidder named in the report",
          effect: stay,
        },
      ]);
  }
}

export const INTEREST_NAMES = {
  dpi: "a disclosable pecuniary interest",
  ori: "an other registrable interest",
  nri: "a non-registrable interest",
} as const;

export { longDate };
