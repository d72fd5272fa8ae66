import type { StreamLine } from "../segment/table-grid.js";

/** Words as the scorer and the agenda matcher compare them: case-folded, no punctuation. */
export function wordsOf(s: string): string[] {
  return s
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/[\u2018\u2019']/g, "")
    .replace(/[^a-z0-9]+/g, " ")
    .trim()
    .split(" ")
    .filter(Boolean);
}

/** Words that start a job title, so a name printed before one ends there. */
const ROLE = new Set([
  "service",
  "services",
  "manager",
  "head",
  "director",
  "senior",
  "officer",
  "chief",
  "assistant",
  "executive",
  "lead",
  "strategic",
  "interim",
  "principal",
  "team",
  "democratic",
  "cabinet",
  "member",
  "corporate",
  "group",
  "policy",
  "scrutiny",
  "tel",
  "telephone",
  "email",
  "e-mail",
  "phone",
  "deputy",
  "programme",
  "project",
  "specialist",
  "adviser",
  "advisor",
  "coordinator",
  "co-ordinator",
  "commissioning",
  "performance",
  "support",
  "safeguarding",
  "development",
  "improvement",
  "business",
  "finance",
  "legal",
  "public",
  "health",
  "children",
  "education",
  "the",
  "and",
  "of",
  "for",
  "school",
  "schools",
  "council",
  "county",
  "borough",
  "city",
  "department",
  "directorate",
]);
const HONORIFIC = /^(cllr|councillor|mr|mrs|ms|miss|dr|prof|professor|rev|revd|sir|dame)\.?$/i;
const PARTICLE = /^(van|von|de|der|del|da|di|le|la|du|st\.?|mac|o')$/i;

/**
 * The person's name at the start of an author/contact value: "Andrew Loton (Senior
 * Performance Advisor)", "Jill Baker - Senior Manager", "William Kidd Service Manager …".
 * Null when the value is a post rather than a person ("Director of Children's Services").
 */
export function personName(value: string): string | null {
  const head = value
    .split(/\s*(?:\(|,|;|\s[-–—]\s|\btel\b|\bemail\b|\bt:|\be:|\d|@)/i)[0]
    .replace(/[.:]+$/, "")
    .trim();
  const toks = head.split(/\s+/).filter(Boolean);
  while (toks.length && HONORIFIC.test(toks[0])) toks.shift();
  const name: string[] = [];
  for (const t of toks) {
    const bare = t.toLowerCase().replace(/[.,]$/, "");
    if (ROLE.has(bare) && name.length >= 2) break;
    if (ROLE.has(bare) && !PARTICLE.test(t)) return name.length >= 2 ? name.join(" ") : null;
    if (/^[A-Z][A-Za-z'’-]*\.?$/.test(t) || PARTICLE.test(t)) name.push(t);
    else break;
    if (name.length === 4) break;
  }
  return name.length >= 2 ? name.join(" ") : null;
}

const ITEM_LINE = /^(\d{1,2}[a-z]?)[.)]?\s+(.{3,200})$/;
const PAGES_TAIL = /\s*[-–]?\s*(\(pages?\s*[\d\s\-–]+\)|pages?\s+\d+\s*[-–]\s*\d+|to follow)\s*$/i;

/** Titles of the agenda items on the front sheet (numbered lines or table rows). */
export function agendaTitles(stream: StreamLine[]): string[] {
  const out: string[] = [];
  const firstPages = new Set(stream.slice(0, 1).map((l) => l.page));
  const front = stream.filter((l, i) => i < 160 && (firstPages.has(l.page) || l.page <= 2));
  for (const l of front) {
    let title: string | null = null;
    if (l.cells) {
      const c = l.cells.map((x) => x.trim());
      const at = c.findIndex((x) => /^\d{1,2}[a-z]?\.?$/.test(x));
      if (at >= 0 && c[at + 1]) title = c[at + 1];
    } else {
      const m = l.text.match(ITEM_LINE);
      if (m) title = m[2];
    }
    if (!title) continue;
    title = title
      .replace(PAGES_TAIL, "")
      .replace(/\s+\d{1,3}$/, "")
      .trim();
    if (title.split(/\s+/).length >= 2 && title.split(/\s+/).length <= 20) out.push(title);
  }
  return out;
}
