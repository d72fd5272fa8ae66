/** Made-up names, wards and business for the demo council. Any likeness to a real council is chance. */
export const DEMO_AUTHORITY = { slug: "borsetshire", name: "Borsetshire County Council", website: "https://borsetshire.example.org" };

export const WARDS = [
  "Ambridge",
  "Borchester North",
  "Borchester South",
  "Edgeley",
  "Felpersham East",
  "Felpersham West",
  "Hollerton",
  "Loxley Barrett",
  "Penny Hassett",
  "Darrington",
  "Waterley Cross",
  "Heydon Berrow",
];
export const PARTIES = ["Borsetshire Independents", "Conservative", "Labour", "Liberal Democrat", "Green"];

/** Councillors: name, ward, party. Three wards per party mix, so "by ward" shows more than one member. */
export const COUNCILLORS: Array<[name: string, ward: string, party: string]> = [
  ["Helen Archer", "Ambridge", "Borsetshire Independents"],
  ["Tom Forrest", "Ambridge", "Conservative"],
  ["Usha Franks", "Ambridge", "Labour"],
  ["Alan Franks", "Borchester North", "Labour"],
  ["Jolene Rogers", "Borchester North", "Liberal Democrat"],
  ["Kenton Archer", "Borchester North", "Borsetshire Independents"],
  ["Lynda Snell", "Borchester South", "Conservative"],
  ["Robert Snell", "Borchester South", "Conservative"],
  ["Jazzer McCreary", "Borchester South", "Labour"],
  ["Fallon Rogers", "Edgeley", "Green"],
  ["Harrison Burns", "Edgeley", "Labour"],
  ["Elizabeth Pargetter", "Edgeley", "Conservative"],
  ["Brian Aldridge", "Felpersham East", "Conservative"],
  ["Jennifer Aldridge", "Felpersham East", "Conservative"],
  ["Shula Hebden Lloyd", "Felpersham East", "Liberal Democrat"],
  ["Alistair Lloyd", "Felpersham West", "Liberal Democrat"],
  ["Kirsty Miller", "Felpersham West", "Green"],
  ["Neil Carter", "Felpersham West", "Labour"],
  ["Susan Carter", "Hollerton", "Labour"],
  ["Eddie Grundy", "Hollerton", "Borsetshire Independents"],
  ["Clarrie Grundy", "Hollerton", "Borsetshire Independents"],
  ["Emma Grundy", "Loxley Barrett", "Green"],
  ["Ed Grundy", "Loxley Barrett", "Borsetshire Independents"],
  ["Pat Archer", "Loxley Barrett", "Green"],
  ["Tony Archer", "Penny Hassett", "Labour"],
  ["Jim Lloyd", "Penny Hassett", "Liberal Democrat"],
  ["Peggy Woolley", "Penny Hassett", "Conservative"],
  ["Adam Macy", "Darrington", "Liberal Democrat"],
  ["Ian Craig", "Darrington", "Labour"],
  ["Ruth Archer", "Darrington", "Borsetshire Independents"],
  ["David Archer", "Waterley Cross", "Conservative"],
  ["Lilian Bellamy", "Waterley Cross", "Liberal Democrat"],
  ["Justin Elliot", "Waterley Cross", "Conservative"],
  ["Natasha Archer", "Heydon Berrow", "Green"],
  ["Chris Carter", "Heydon Berrow", "Labour"],
  ["Alice Carter", "Heydon Berrow", "Borsetshire Independents"],
];

/** Cabinet portfolios, held by the first eight councillors of the Cabinet's membership. */
export const PORTFOLIOS = [
  "Leader of the Council",
  "Finance and Resources",
  "Children and Families",
  "Adult Social Care",
  "Highways and Transport",
  "Climate and Environment",
  "Communities and Libraries",
  "Public Health",
];

/** Officers, keyed by what they answer for, so each report has an author whose post fits it. */
export const OFFICERS = {
  chiefExecutive: ["Jack Woolley", "Chief Executive", "Chief Executive's Office"],
  finance: ["Roy Tucker", "Director of Finance and Section 151 Officer", "Finance"],
  financeDeputy: ["Anisha Patel", "Head of Financial Planning", "Finance"],
  legal: ["Carol Tregorran", "Director of Law and Governance and Monitoring Officer", "Legal and Governance"],
  democratic: ["Joe Grundy", "Head of Democratic Services", "Democratic Services"],
  scrutiny: ["Vicky Tucker", "Scrutiny Officer", "Democratic Services"],
  children: ["Martha Woodford", "Director of Children's Services", "Children's Services"],
  education: ["Hayley Tucker", "Head of Education Improvement", "Education"],
  adults: ["Mike Tucker", "Director of Adult Social Care", "Adult Social Care"],
  commissioning: ["Rex Fairbrother", "Head of Adult Social Care Commissioning", "Adult Social Care"],
  publicHealth: ["Caroline Sterling", "Director of Public Health", "Public Health"],
  planning: ["Nigel Pargetter", "Head of Planning", "Planning and Regeneration"],
  planningCase: ["Amy Franks", "Principal Planning Officer", "Planning and Regeneration"],
  highways: ["Oliver Sterling", "Head of Highways", "Highways and Transport"],
  libraries: ["Kathy Perks", "Head of Libraries and Culture", "Communities"],
  climate: ["Pip Archer", "Climate Emergency Programme Manager", "Environment"],
  property: ["Matt Crawford", "Head of Property Services", "Resources"],
  performance: ["Toby Fairbrother", "Head of Performance and Insight", "Chief Executive's Office"],
} as const satisfies Record<string, readonly [name: string, post: string, service: string]>;
export type OfficerKey = keyof typeof OFFICERS;

/** Co-opted members: honorific as they prefer to be addressed. */
export const PARENT_GOVERNORS: Array<[honorific: string, name: string]> = [
  ["Mrs", "Sabrina Thwaite"],
  ["Mr", "Gerald Pemberton"],
];
export const CHURCH_REPS: Array<[honorific: string, name: string, representing: string]> = [
  ["Rev.", "Alan Franklin", "Diocese of Felpersham (Church of England)"],
  ["Mr", "Bert Fry", "Roman Catholic Diocese of Borchester"],
];

/** The kinds of business the demo writes reports and minutes for (templates in demo-business.ts). */
export type ReportKind = "planning" | "budget" | "scrutiny" | "policy" | "performance";

export interface Topic {
  title: string;
  /** How the topic reads inside a sentence ("the library service review"). */
  phrase: string;
  kind: ReportKind;
  officer: OfficerKey;
  /** Cabinet portfolio (index into PORTFOLIOS) whose holder attends or decides. */
  portfolio: number;
  /** Made-up facts the report and minutes cite: each a sentence with {n} numbers filled in. */
  facts: string[];
  /** Questions members ask, each with the officer's answer. */
  questions: Array<[question: string, answer: string]>;
  /** What officers are asked to do afterwards. */
  actions: string[];
}

export interface CommitteeSpec {
  slug: string;
  name: string;
  kind: "council" | "cabinet" | "scrutiny" | "sub-committee" | "partnership-board";
  purpose: string;
  scheme: { pattern: string; resetEach: "never" | "municipal-year" };
  /** Prefix of the committee's action references ("CAB" gives "CAB/25/014"). */
  actionPrefix: string;
  time: string;
  everyWeeks: number;
  size: number;
  coOpted?: boolean;
  /** Items of business per meeting besides the opening items. */
  perMeeting: number;
  topics: Topic[];
}

const t = (
  title: string,
  phrase: string,
  kind: ReportKind,
  officer: OfficerKey,
  portfolio: number,
  facts: string[],
  questions: Array<[string, string]>,
  actions: string[],
): Topic => ({ title, phrase, kind, officer, portfolio, facts, questions, actions });

const BUDGET_TOPICS: Topic[] = [
  t(
    "Revenue Budget Monitoring",
    "revenue budget monitoring",
    "budget",
    "finance",
    1,
    [
      "The forecast outturn is an overspend of £{m}m against a net budget of £{b}m.",
      "Adult social care accounts for £{s}m of the forecast pressure, mainly on residential placements.",
      "Home to school transport is forecast to overspend by £{s}m as pupil numbers with special educational needs rise.",
      "Savings of £{s}m are rated green, with a further £{t}m at risk of slipping into next year.",
    ],
    [
      [
        "whether the use of reserves to cover the overspend was sustainable",
        "general reserves would remain above the minimum of £{b}m set in the medium-term financial strategy",
      ],
      [
        "why the transport overspend had not been foreseen when the budget was set",
        "demand had risen by {p}% since September, well above the 4% assumed",
      ],
      ["what would happen to savings rated red", "each directorate had been asked to find alternatives before the next quarter"],
    ],
    [
      "circulate to all members a breakdown of the transport overspend by route type",
      "bring forward recovery plans for the two directorates forecasting the largest overspends",
    ],
  ),
  t(
    "Capital Programme Update",
    "the capital programme",
    "budget",
    "finance",
    1,
    [
      "Spending on the capital programme stands at £{m}m, {p}% of the revised programme of £{b}m.",
      "Schemes worth £{s}m have been reprofiled into the following financial year.",
      "Construction inflation has added £{t}m to the cost of the Borchester North school expansion.",
    ],
    [
      ["which schemes had slipped", "the Felpersham relief road and two school schemes accounted for most of the slippage"],
      ["how borrowing costs had changed", "the average rate on new borrowing had risen to {t}.4%"],
    ],
    ["report the revised cost of the Borchester North school expansion to the next meeting"],
  ),
];

export const COMMITTEES: CommitteeSpec[] = [
  {
    slug: "council",
    name: "Full Council",
    kind: "council",
    purpose:
      "All 36 county councillors. Sets the budget and council tax, agrees the policy framework and the constitution, and elects the Chairman and the Leader.",
    scheme: { pattern: "{n}", resetEach: "never" },
    actionPrefix: "FC",
    time: "14:00",
    everyWeeks: 10,
    size: 36,
    perMeeting: 2,
    topics: [
      t(
        "Treasury Management Strategy",
        "the treasury management strategy",
        "policy",
        "finance",
        1,
        [
          "The strategy keeps the authorised limit for external debt at £{b}m.",
          "Investments averaged £{m}m over the year, earning {p}.1% against a benchmark of {p}.0%.",
        ],
        [
          [
            "whether the council held any investments in fossil fuel companies",
            "none of the counterparties on the approved list was an energy producer",
          ],
          ["how much of the debt was at variable rates", "about {p}% of borrowing was at variable rates"],
        ],
        ["publish the approved prudential indicators on the council's website"],
      ),
      t(
        "Pay Policy Statement",
        "the pay policy statement",
        "policy",
        "chiefExecutive",
        1,
        [
          "The ratio between the highest and the median salary is {p}.2 to 1.",
          "The lowest-paid employees receive the Real Living Wage from 1 April.",
        ],
        [["how the council's pay ratio compared with neighbouring councils", "it was lower than in four of the six neighbouring counties"]],
        ["publish the pay policy statement by 31 March"],
      ),
      t(
        "Annual Report of the Scrutiny Committees",
        "the scrutiny committees' annual report",
        "performance",
        "scrutiny",
        0,
        [
          "The scrutiny committees made {n} recommendations to Cabinet, of which {s} were accepted in full.",
          "Two task and finish groups reported, on school transport and on hospital discharge.",
        ],
        [["how many recommendations had been implemented", "{n} had been implemented and the rest were on track"]],
        ["send the annual report to every parish and town council in the county"],
      ),
      t(
        "Recommendations from Cabinet: Local Transport Plan",
        "the recommendations from Cabinet on the Local Transport Plan",
        "policy",
        "highways",
        4,
        [
          "The plan commits £{m}m over five years to bus priority and walking and cycling routes.",
          "{n} responses were received to the public consultation, {p}% supporting the plan's aims.",
        ],
        [
          ["what the plan offered villages without a daily bus", "a demand-responsive service would be piloted in the west of the county"],
          [
            "how the plan would be funded after the first two years",
            "the council would bid for government funding as each scheme was designed",
          ],
        ],
        ["submit the adopted Local Transport Plan to the Department for Transport"],
      ),
    ],
  },
  {
    slug: "cabinet",
    name: "Cabinet",
    kind: "cabinet",
    purpose:
      "The Leader and seven Cabinet Members. Takes the council's executive decisions, including key decisions published in the Forward Plan, within the budget and policy framework set by Full Council.",
    scheme: { pattern: "CAB{n}/{YY}", resetEach: "municipal-year" },
    actionPrefix: "CAB",
    time: "10:00",
    everyWeeks: 5,
    size: 8,
    perMeeting: 2,
    topics: [
      ...BUDGET_TOPICS,
      t(
        "Highways Maintenance Contract Award",
        "the award of the highways maintenance contract",
        "policy",
        "highways",
        4,
        [
          "Four bids were received and evaluated on a 60:40 quality and price basis.",
          "The new contract runs for seven years with an option to extend by three, worth about £{m}m a year.",
        ],
        [
          ["how social value had been scored", "social value counted for {p}% of the quality score"],
          ["whether local firms could still bid for smaller work", "the contract kept a lot for schemes under £{s}00,000"],
        ],
        ["report contract mobilisation progress to the Cabinet Member for Highways and Transport"],
      ),
      t(
        "Library Service Review",
        "the library service review",
        "policy",
        "libraries",
        6,
        [
          "Visits to libraries have recovered to {p}% of their 2019 level, while e-book loans have doubled.",
          "{n} people responded to the consultation, and {p}% of them opposed reducing opening hours at Hollerton.",
        ],
        [
          ["whether any library would close", "no library would close and Hollerton would keep Saturday opening"],
          ["how community-run libraries would be supported", "each would receive a grant of £{s},000 a year for three years"],
        ],
        ["publish the consultation report with the council's response", "agree a support agreement with each community-run library"],
      ),
      t(
        "Climate Emergency Action Plan",
        "the climate emergency action plan",
        "policy",
        "climate",
        5,
        [
          "The council's own carbon emissions have fallen by {p}% since the 2019 baseline.",
          "{n} streetlights were converted to LED this year, saving about £{s}00,000 in energy costs.",
        ],
        [
          [
            "whether the 2030 target for the council's own estate was still achievable",
            "it was, provided the heat decarbonisation grants came through",
          ],
          ["how residents would be involved", "a climate panel of {n} residents would meet four times a year"],
        ],
        ["set up the residents' climate panel and report its membership to Cabinet"],
      ),
      t(
        "Home to School Transport Policy",
        "the home to school transport policy",
        "policy",
        "education",
        2,
        [
          "The council transports {n} pupils a day, {p}% of them with an education, health and care plan.",
          "The draft policy removes discretionary transport for pupils over sixteen from September.",
        ],
        [
          ["how families on low incomes would be protected", "the low-income exemption would be kept in full"],
          ["when parents would be told of the change", "letters would go to every affected family before the end of the spring term"],
        ],
        ["write to every family affected by the change to post-16 transport"],
      ),
      t(
        "Disposal of Land at Heydon Berrow",
        "the disposal of land at Heydon Berrow",
        "policy",
        "property",
        1,
        [
          "The site extends to {p}.6 hectares and has been vacant since the depot closed.",
          "Two valuations were obtained from independent surveyors.",
        ],
        [["whether affordable housing would be required", "the sale would require 35% affordable homes, as local plan policy does"]],
        ["complete the sale and report the capital receipt in the capital programme update"],
      ),
      t(
        "Corporate Performance Report",
        "corporate performance",
        "performance",
        "performance",
        0,
        [
          "Of {n} indicators, {s} are on target and {t} are more than 5% off target.",
          "The proportion of potholes repaired within 28 days rose to {p}%.",
          "Re-referrals to children's social care within twelve months fell to {p}%.",
        ],
        [
          ["why the complaints indicator was red", "a change of system had delayed responses in the first month of the quarter"],
          ["whether the pothole figures included minor roads", "they covered every adopted road in the county"],
        ],
        ["add a measure for bus punctuality to next year's performance framework"],
      ),
    ],
  },
  {
    slug: "children-young-people-scrutiny",
    name: "Children and Young People Scrutiny Committee",
    kind: "scrutiny",
    purpose:
      "Reviews and scrutinises services for children, young people and families, including education, safeguarding and children in care, and holds the Cabinet Member for Children and Families to account.",
    scheme: { pattern: "CYP {n}/{YY}", resetEach: "municipal-year" },
    actionPrefix: "CYP",
    time: "18:00",
    everyWeeks: 7,
    size: 9,
    coOpted: true,
    perMeeting: 2,
    topics: [
      t(
        "Elective Home Education",
        "elective home education",
        "scrutiny",
        "education",
        2,
        [
          "{n} children were electively home educated at the end of the term, up from {s}0 a year earlier.",
          "The most common reason parents gave was their child's anxiety about school.",
        ],
        [
          [
            "how the council knew that home-educated children were safe",
            "every family was offered a visit within four weeks and {p}% had accepted",
          ],
          [
            "whether schools were encouraging families to withdraw pupils",
            "the council had found two such cases and raised them with the schools",
          ],
        ],
        ["share the elective home education annual report with the committee", "write to headteachers about off-rolling"],
      ),
      t(
        "Children in Care Sufficiency Strategy",
        "sufficiency of placements for children in care",
        "scrutiny",
        "children",
        2,
        [
          "The council looks after {n} children, {p}% of them placed with foster carers.",
          "The average weekly cost of an external residential placement has risen to £{s},{p}0.",
        ],
        [
          ["how many children were placed more than twenty miles from home", "{s} children were, most of them in specialist placements"],
          ["what was being done to recruit foster carers", "a new campaign had brought {s} enquiries since the summer"],
        ],
        ["report the outcome of the foster carer recruitment campaign", "visit the new children's home in Edgeley"],
      ),
      t(
        "Special Educational Needs Transport",
        "transport for pupils with special educational needs",
        "scrutiny",
        "education",
        2,
        [
          "{n} pupils with special educational needs travel to school on council transport each day.",
          "Complaints about late pick-ups fell from {m} to {t} a term after routes were retendered.",
        ],
        [
          [
            "how drivers and passenger assistants were trained",
            "every driver and assistant completed safeguarding and first aid training before starting",
          ],
        ],
        ["circulate the transport complaints log to members each quarter"],
      ),
      t(
        "School Place Planning",
        "school place planning",
        "scrutiny",
        "education",
        2,
        [
          "Primary rolls are forecast to fall by {p}% over five years while secondary rolls rise.",
          "Felpersham West will need a further form of entry at secondary level by 2028.",
        ],
        [["what falling rolls meant for small village schools", "federations would be encouraged before any closure was considered"]],
        ["provide ward-level pupil forecasts to members"],
      ),
      t(
        "Youth Justice Plan",
        "the youth justice plan",
        "scrutiny",
        "children",
        2,
        [
          "First-time entrants to the youth justice system fell to {n} per 100,000 young people.",
          "Reoffending within twelve months stands at {p}%, below the national rate.",
        ],
        [["how the service worked with schools", "a youth justice worker now sat in each secondary school's inclusion team"]],
        ["invite the police to the next meeting to discuss knife crime prevention"],
      ),
      t(
        "Care Leavers in Education, Employment and Training",
        "care leavers in education, employment and training",
        "scrutiny",
        "children",
        2,
        [
          "{p}% of care leavers aged 19 to 21 are in education, employment or training.",
          "The council has ring-fenced {s} apprenticeships for care leavers this year.",
        ],
        [["whether care leavers were exempt from council tax", "they were, up to the age of 25"]],
        ["find work experience placements for care leavers in every directorate"],
      ),
      t(
        "Contextual Safeguarding Review",
        "contextual safeguarding",
        "scrutiny",
        "children",
        2,
        [
          "The review examined {n} cases of exploitation outside the family home.",
          "Multi-agency panels now meet fortnightly in Borchester and Felpersham.",
        ],
        [["how the public could report concerns", "a single telephone number and an online form were advertised in every school"]],
        ["brief all councillors on recognising child exploitation"],
      ),
    ],
  },
  {
    slug: "health-adult-social-care-scrutiny",
    name: "Health and Adult Social Care Scrutiny Committee",
    kind: "scrutiny",
    purpose:
      "Scrutinises adult social care and the health service in Borsetshire, including changes to NHS services that the council must be consulted on, and holds the Cabinet Member for Adult Social Care to account.",
    scheme: { pattern: "HASC{n}/{MM}/{YY}", resetEach: "never" },
    actionPrefix: "HASC",
    time: "10:30",
    everyWeeks: 8,
    size: 9,
    perMeeting: 2,
    topics: [
      t(
        "Hospital Discharge Arrangements",
        "hospital discharge arrangements",
        "scrutiny",
        "adults",
        3,
        [
          "On an average day {n} patients at Borchester General were medically fit to leave but still in hospital.",
          "The discharge to assess service supported {s}0 people a month at home.",
        ],
        [
          ["why discharges were slower at weekends", "social work cover at weekends had been increased from two to {s} staff"],
          ["how carers were involved in discharge planning", "carers were now invited to every discharge conversation"],
        ],
        ["provide weekend discharge figures for the last six months"],
      ),
      t(
        "Adult Social Care Charging Policy",
        "the adult social care charging policy",
        "scrutiny",
        "adults",
        3,
        [
          "{n} people pay towards their care at home, with an average weekly charge of £{s}{t}.",
          "The proposal would bring the disability-related expenditure allowance into line with neighbouring councils.",
        ],
        [
          [
            "how people would be told of changes to their charges",
            "everyone affected would receive a letter and a visit from a financial assessor",
          ],
        ],
        ["set out the financial effect of the proposal on the hundred most affected people"],
      ),
      t(
        "Mental Health Crisis Services",
        "mental health crisis services",
        "scrutiny",
        "publicHealth",
        7,
        [
          "The crisis line answered {n} calls last quarter, {p}% within a minute.",
          "Two crisis cafés have opened, in Borchester and in Felpersham.",
        ],
        [["how young adults could get help out of hours", "the crisis cafés opened until midnight on Fridays and Saturdays"]],
        ["invite the mental health trust to report on waiting times"],
      ),
      t(
        "Dementia Strategy",
        "the dementia strategy",
        "scrutiny",
        "commissioning",
        3,
        [
          "An estimated {n} people in Borsetshire are living with dementia, {p}% of them diagnosed.",
          "Dementia-friendly community groups now meet in {s} market towns.",
        ],
        [["how rural residents reached memory clinics", "outreach clinics ran monthly in Hollerton and Waterley Cross"]],
        ["map dementia support groups by ward for members"],
      ),
      t(
        "Winter Pressures Plan",
        "the winter pressures plan",
        "scrutiny",
        "adults",
        3,
        [
          "The plan adds {n} short-term beds in care homes from December to March.",
          "Flu vaccination among social care staff reached {p}%.",
        ],
        [
          [
            "whether home care agencies had enough staff for winter",
            "agencies reported {p}% of hours covered and the council had a reserve list",
          ],
        ],
        ["report winter bed occupancy to the committee in the spring"],
      ),
      t(
        "Home Care Market Sustainability",
        "the home care market",
        "scrutiny",
        "commissioning",
        3,
        ["{n} hours of home care a week are bought from {s} agencies.", "The hourly rate paid to providers rose to £{s}.{t}0 from April."],
        [["how many care workers were paid the Real Living Wage", "{p}% of care workers were, according to the providers' returns"]],
        ["publish the home care fee rates for next year once agreed"],
      ),
    ],
  },
  {
    slug: "planning",
    name: "Planning Sub-Committee",
    kind: "sub-committee",
    purpose:
      "Determines the planning applications that the scheme of delegation does not leave to officers: major developments, applications called in by ward councillors, and applications from the council itself.",
    scheme: { pattern: "{n}", resetEach: "never" },
    actionPrefix: "PLN",
    time: "18:30",
    everyWeeks: 4,
    size: 9,
    perMeeting: 2,
    topics: [],
  },
  {
    slug: "health-wellbeing-board",
    name: "Health and Wellbeing Board",
    kind: "partnership-board",
    purpose:
      "Brings together the council, the NHS, the police and the voluntary sector to improve health and reduce inequalities in Borsetshire, and agrees the joint health and wellbeing strategy.",
    scheme: { pattern: "HWB{n}", resetEach: "never" },
    actionPrefix: "HWB",
    time: "14:00",
    everyWeeks: 12,
    size: 6,
    perMeeting: 2,
    topics: [
      t(
        "Joint Strategic Needs Assessment",
        "the joint strategic needs assessment",
        "performance",
        "publicHealth",
        7,
        [
          "Healthy life expectancy in Felpersham East is {s} years lower than in Ambridge.",
          "{p}% of adults in the county are physically inactive.",
        ],
        [["which gap in the data most concerned the Board", "information on unpaid carers was poor and a survey was planned"]],
        ["publish the needs assessment chapters on the council's website"],
      ),
      t(
        "Better Care Fund Plan",
        "the Better Care Fund plan",
        "budget",
        "commissioning",
        3,
        [
          "The pooled budget for the year is £{m}.{s}m, of which £{s}m funds reablement.",
          "Avoidable admissions for people over 65 fell by {p}% against the plan's target of 5%.",
        ],
        [["whether the fund could support carers' breaks", "£{s}00,000 was set aside for carers' breaks"]],
        ["submit the Better Care Fund plan to NHS England by the national deadline"],
      ),
      t(
        "Pharmaceutical Needs Assessment",
        "the pharmaceutical needs assessment",
        "policy",
        "publicHealth",
        7,
        [
          "{n} pharmacies serve the county, and every resident lives within twenty minutes' drive of one.",
          "Two pharmacies in Borchester South have reduced their opening hours.",
        ],
        [["what happened when a village pharmacy closed", "the Board would be told and could ask for an urgent review"]],
        ["consult on the draft pharmaceutical needs assessment for sixty days"],
      ),
      t(
        "Tobacco Control Strategy",
        "tobacco control",
        "policy",
        "publicHealth",
        7,
        ["Smoking prevalence among adults has fallen to {p}.{s}%.", "The stop smoking service supported {n} quit attempts last year."],
        [
          [
            "what was being done about vaping among children",
            "trading standards had carried out {s}0 test purchases and taken action against four shops",
          ],
        ],
        ["report trading standards' test purchase results to the Board"],
      ),
    ],
  },
];

/** Planning applications are made up per meeting: sites, proposals, applicants. */
export const PLANNING_SITES = [
  ["Land off Hollowtree Lane", "Ambridge"],
  ["Felpersham Business Park, Mill Road", "Felpersham East"],
  ["The Old Mill, Church Street", "Loxley Barrett"],
  ["Lower Loxley Hall, Lower Loxley Lane", "Loxley Barrett"],
  ["Former Depot, Station Road", "Heydon Berrow"],
  ["Grey Gables Hotel, Penny Hassett Road", "Penny Hassett"],
  ["Land north of Waterley Lane", "Waterley Cross"],
  ["14 Market Square", "Borchester North"],
  ["Hollerton Junction Garage", "Hollerton"],
  ["Brookfield Farm, Darrington Road", "Darrington"],
  ["Edgeley Quarry", "Edgeley"],
  ["Borchester College, Westgate", "Borchester South"],
] as const;

export const PLANNING_PROPOSALS: Array<[proposal: string, suffix: "FUL" | "OUT" | "LBC" | "RM" | "CM"]> = [
  ["Erection of {n} dwellings with access, open space and drainage", "OUT"],
  ["Change of use from offices to {s} flats", "FUL"],
  ["Extension to the quarry with restoration to nature conservation", "CM"],
  ["Conversion of the listed barn to a dwelling, with internal alterations", "LBC"],
  ["Reserved matters for {n} homes following outline permission", "RM"],
  ["A {s}-storey extension to provide {n} classrooms", "FUL"],
  ["Demolition of the garage and erection of a convenience store with {s} flats above", "FUL"],
  ["A solar farm of {s}0 megawatts with battery storage", "FUL"],
];

export const APPLICANTS = [
  "Borsetshire Homes Ltd",
  "Mr and Mrs Bellamy",
  "Grey Gables Leisure Ltd",
  "Borsetshire County Council (Property Services)",
  "Loxley Estates LLP",
  "Edgeley Aggregates Ltd",
  "Ambridge Community Energy",
];

export const PUBLIC_NAMES = [
  "Mr Derek Fletcher",
  "Ms Joy Horville",
  "Mrs Freda Fry",
  "Dr Richard Locke",
  "Mr Roy Harrison",
  "Mrs Mabel Thwaite",
];

export const VENUES = [
  "Council Chamber, County Hall, Borchester BC1 1AA",
  "Committee Room 2, County Hall, Borchester BC1 1AA",
  "The Ambridge Village Hall, Ambridge AB7 3QR",
];
