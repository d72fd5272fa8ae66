/** Made-up names, wards and topics for the demo council. Any likeness to a real council is chance. */
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

export const COUNCILLORS = [
  "Helen Archer",
  "Tom Forrest",
  "Usha Franks",
  "Alan Franks",
  "Jolene Rogers",
  "Kenton Archer",
  "Lynda Snell",
  "Robert Snell",
  "Jazzer McCreary",
  "Fallon Rogers",
  "Harrison Burns",
  "Elizabeth Pargetter",
  "Brian Aldridge",
  "Jennifer Aldridge",
  "Shula Hebden Lloyd",
  "Alistair Lloyd",
  "Kirsty Miller",
  "Neil Carter",
  "Susan Carter",
  "Eddie Grundy",
  "Clarrie Grundy",
  "Emma Grundy",
  "Ed Grundy",
  "Pat Archer",
  "Tony Archer",
  "Jim Lloyd",
  "Peggy Woolley",
  "Adam Macy",
  "Ian Craig",
  "Ruth Archer",
  "David Archer",
  "Lilian Bellamy",
  "Justin Elliot",
  "Natasha Archer",
  "Chris Carter",
  "Alice Carter",
];

export const OFFICERS: Array<[name: string, post: string, service: string]> = [
  ["Martha Woodford", "Director of Children's Services", "Children's Services"],
  ["Joe Grundy", "Head of Democratic Services", "Democratic Services"],
  ["Mike Tucker", "Director of Adult Social Care", "Adult Social Care"],
  ["Vicky Tucker", "Scrutiny Officer", "Democratic Services"],
  ["Roy Tucker", "Director of Finance", "Finance"],
  ["Hayley Tucker", "Head of Education Improvement", "Education"],
  ["Jack Woolley", "Chief Executive", "Chief Executive's Office"],
  ["Nigel Pargetter", "Head of Planning", "Planning and Regeneration"],
  ["Caroline Sterling", "Director of Public Health", "Public Health"],
  ["Matt Crawford", "Head of Property Services", "Resources"],
];

export const PARENT_GOVERNORS = ["Sabrina Thwaite", "Oliver Sterling"];
export const CHURCH_REPS: Array<[string, string]> = [
  ["Rev. Alan Franklin", "Diocese of Felpersham (Church of England)"],
  ["Mr Bert Fry", "Roman Catholic Diocese of Borchester"],
];

export interface CommitteeSpec {
  slug: string;
  name: string;
  kind: "council" | "cabinet" | "scrutiny" | "sub-committee" | "partnership-board";
  scheme: { pattern: string; resetEach: "never" | "municipal-year" };
  time: string;
  everyWeeks: number;
  size: number;
  coOpted?: boolean;
  topics: string[];
}

export const COMMITTEES: CommitteeSpec[] = [
  {
    slug: "council",
    name: "Full Council",
    kind: "council",
    scheme: { pattern: "{n}", resetEach: "never" },
    time: "14:00",
    everyWeeks: 10,
    size: 14,
    topics: [
      "Budget and Council Tax Setting",
      "Treasury Management Strategy",
      "Notices of Motion",
      "Questions from the Public",
      "Pay Policy Statement",
    ],
  },
  {
    slug: "cabinet",
    name: "Cabinet",
    kind: "cabinet",
    scheme: { pattern: "CAB{n}/{YY}", resetEach: "municipal-year" },
    time: "10:00",
    everyWeeks: 5,
    size: 8,
    topics: [
      "Revenue Budget Monitoring",
      "Capital Programme Update",
      "Highways Maintenance Contract Award",
      "Library Service Review",
      "Disposal of Land at Heydon Berrow",
      "Climate Emergency Action Plan",
      "Home to School Transport Policy",
    ],
  },
  {
    slug: "children-young-people-scrutiny",
    name: "Children and Young People Scrutiny Committee",
    kind: "scrutiny",
    scheme: { pattern: "CYP {n}/{YY}", resetEach: "municipal-year" },
    time: "18:00",
    everyWeeks: 7,
    size: 9,
    coOpted: true,
    topics: [
      "Elective Home Education",
      "Children in Care Sufficiency",
      "Special Educational Needs Transport",
      "School Place Planning",
      "Youth Justice Plan",
      "Care Leavers in Education, Employment and Training",
      "Contextual Safeguarding Review",
    ],
  },
  {
    slug: "health-adult-social-care-scrutiny",
    name: "Health and Adult Social Care Scrutiny Committee",
    kind: "scrutiny",
    scheme: { pattern: "HASC{n}/{MM}/{YY}", resetEach: "never" },
    time: "10:30",
    everyWeeks: 8,
    size: 9,
    topics: [
      "Hospital Discharge Arrangements",
      "Adult Social Care Charging Policy",
      "Mental Health Crisis Services",
      "Dementia Strategy",
      "Winter Pressures Plan",
      "Home Care Market Sustainability",
    ],
  },
  {
    slug: "planning",
    name: "Planning Sub-Committee",
    kind: "sub-committee",
    scheme: { pattern: "{n}", resetEach: "never" },
    time: "18:30",
    everyWeeks: 4,
    size: 7,
    topics: [
      "Application 25/00412/FUL: Land off Hollowtree Lane, Ambridge",
      "Application 25/00873/OUT: Felpersham Business Park",
      "Application 26/00120/FUL: Old Mill, Loxley Barrett",
      "Application 26/00345/LBC: Lower Loxley Hall",
      "Planning Appeals Update",
    ],
  },
  {
    slug: "health-wellbeing-board",
    name: "Health and Wellbeing Board",
    kind: "partnership-board",
    scheme: { pattern: "HWB{n}", resetEach: "never" },
    time: "14:00",
    everyWeeks: 12,
    size: 6,
    topics: ["Joint Strategic Needs Assessment", "Better Care Fund Plan", "Pharmaceutical Needs Assessment", "Tobacco Control Strategy"],
  },
];

export const VENUES = [
  "Council Chamber, County Hall, Borchester BC1 1AA",
  "Committee Room 2, County Hall, Borchester BC1 1AA",
  "The Ambridge Village Hall, Ambridge AB7 3QR",
];

export const PARAGRAPHS = [
  "This report sets out the position at the end of the quarter and the options open to the committee.",
  "Officers have consulted residents, schools, health partners and the voluntary sector across all wards.",
  "The financial implications are contained within the approved budget, with a contingency of £120,000 held centrally.",
  "Members asked at the last meeting for an update on progress against each recommendation of the task and finish group.",
  "Performance against the target improved from 62% to 71%, although the rate in Felpersham remains below the regional average.",
  "The Equality Impact Assessment found no disproportionate effect on any group with a protected characteristic.",
  "Legal advice confirms the council may proceed under its general power of competence in the Localism Act 2011.",
  "A further report will come back to the committee within twelve months to review the outcomes achieved.",
  "Risks are recorded on the corporate risk register and are reviewed monthly by the senior leadership team.",
  "Ward members for Ambridge and Penny Hassett were briefed and their comments are summarised in Appendix A.",
];
