import type { ExtractedMeeting } from "../../domain/extraction.js";
import type { Meeting } from "../../domain/meeting.js";
import type { Minute } from "../../domain/minute.js";
import type { Person } from "../../domain/person.js";
import { cleanName } from "../parse/names.js";
import { parseName } from "./person-resolution.js";
import { norm, type LoadContext } from "./context.js";
import type { People } from "./people.js";

/**
 * Extracted votes into `vote` and `vote_position`, keyed by meeting + order in the minutes
 * (positions by the name as printed), so importing again changes nothing. Votes under
 * approved minutes are a legal record and are left alone, as the minutes are.
 */
export async function loadVotes(
  ctx: LoadContext,
  people: People,
  meeting: Meeting,
  m: ExtractedMeeting,
  at: string,
  minutes: Minute[],
  named: Set<string>,
): Promise<void> {
  if (!m.votes?.length) return;
  const existing = await ctx.scope.list("vote", { meetingId: meeting.id }, ["position"]);
  const resolveName = nameResolver(people, m, at, named);
  for (const [j, x] of m.votes.entries()) {
    const pointer = `${at}/votes/${j}/question`;
    const minute = x.minute ? minutes.find((mi) => norm(mi.number) === norm(x.minute)) : undefined;
    const prior = existing.find((v) => v.position === j);
    if (minute?.status === "approved" || (prior?.minuteId && minutes.find((mi) => mi.id === prior.minuteId)?.status === "approved")) {
      ctx.kept("vote");
      continue;
    }
    const result = x.result ?? (x.counts.for > x.counts.against ? "carried" : x.counts.for < x.counts.against ? "lost" : null);
    if (!result) {
      ctx.warnings.push(
        `${ctx.source}: a tied vote${x.minute ? ` under minute ${x.minute}` : ""} was left out: the minutes do not say how it was settled`,
      );
      continue;
    }
    const vote = await ctx.upsert("vote", prior, {
      ...(prior ?? {}),
      meetingId: meeting.id,
      minuteId: minute?.id ?? null,
      agendaItemId: minute?.agendaItemId ?? null,
      position: j,
      question: x.question,
      result,
      method: x.positions.length ? "recorded" : "show-of-hands",
      forCount: x.counts.for,
      againstCount: x.counts.against,
      abstainCount: x.counts.abstain,
    });
    ctx.bind(pointer, "vote", vote.id, "question", x.question);
    const named_ = { for: 0, against: 0, abstain: 0 } as Record<string, number>;
    for (const p of x.positions) named_[p.position] = (named_[p.position] ?? 0) + 1;
    for (const k of ["for", "against", "abstain"] as const) {
      if (x.positions.length && named_[k] !== x.counts[k]) {
        ctx.flag({
          recordTable: "vote",
          recordId: vote.id,
          field: `${k}Count`,
          value: String(x.counts[k]),
          page: ctx.provenance[pointer]?.page ?? null,
          confidence: 0.5,
          reason: `the minutes print ${x.counts[k]} ${k} but name ${named_[k]}`,
        });
      }
    }
    const positions = await ctx.scope.list("vote_position", { voteId: vote.id });
    const used = new Set<string>();
    for (const p of x.positions) {
      const person = await resolveName(p.name);
      if (!person) continue;
      const prev = positions.find((e) => !used.has(e.id) && e.nameAsPrinted === p.name && e.position === p.position);
      const row = await ctx.upsert("vote_position", prev, {
        ...(prev ?? {}),
        voteId: vote.id,
        personId: person.id,
        position: p.position,
        nameAsPrinted: p.name,
      });
      used.add(row.id);
    }
    // A corrected pack that no longer names someone takes their position away.
    for (const e of positions) if (!used.has(e.id)) await ctx.scope.delete("vote_position", e.id);
  }
}

/**
 * Vote lists print titled surnames ("Mr Cole", "Mrs Cole"). A surname printed once among the
 * meeting's votes resolves like any other name; one printed under two titles is two members,
 * so each is kept under its printed form rather than merged.
 */
function nameResolver(people: People, m: ExtractedMeeting, at: string, named: Set<string>) {
  const HONOURS = /\s+\b(?:OBE|MBE|CBE|JP|DL|KC|QC|BEM)\b/g;
  // Only a gendered or personal title tells two members apart; "Cllr" and no title do not.
  const titleOf = (printed: string) => /^(mr|mrs|ms|miss|mx|sir|dame|dr|lady|lord)\b/i.exec(printed.trim())?.[1]?.toLowerCase() ?? "";
  const titles = new Map<string, Set<string>>();
  for (const v of m.votes ?? [])
    for (const p of v.positions) {
      const surname = parseName(cleanName(p.name)).surname;
      titles.set(surname, (titles.get(surname) ?? new Set()).add(titleOf(p.name)));
    }
  const cache = new Map<string, Person | null>();
  return async (printed: string): Promise<Person | null> => {
    const bare = printed.replace(HONOURS, "").trim();
    const clean = cleanName(printed);
    const shared = [...(titles.get(parseName(clean).surname) ?? [])].filter(Boolean).length > 1;
    const key = shared ? bare : clean;
    if (cache.has(key)) return cache.get(key)!;
    const person = await people.resolve(key, "councillor", named, `${at}/votes`);
    if (person) named.add(person.id);
    cache.set(key, person);
    return person;
  };
}
