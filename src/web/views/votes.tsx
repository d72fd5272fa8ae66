import { POSITION_LABEL, RESULT_LABEL, type VotePositionKind } from "../../domain/vote.js";
import type { VoteEntry, VotingRecordEntry } from "../../store/queries/votes.js";
import { shortDate } from "./format.js";

const ORDER: VotePositionKind[] = ["for", "against", "abstain", "present-not-voting", "absent"];

/** One vote: what was put, the result and counts, and for a recorded vote who voted how. */
export function Division(props: { entry: VoteEntry }) {
  const v = props.entry.vote;
  return (
    <section class="division" id={`vote-${v.id}`} aria-label={`Vote on ${v.question}`}>
      <p>
        <strong>{v.method === "recorded" ? "Recorded vote" : "Vote"}</strong> on {v.question}: <strong>{RESULT_LABEL[v.result]}</strong>{" "}
        (for {v.forCount}, against {v.againstCount}, abstained {v.abstainCount})
      </p>
      {props.entry.positions.length > 0 && (
        <dl class="meta-list">
          {ORDER.map((kind) => {
            const who = props.entry.positions.filter((p) => p.position === kind);
            if (!who.length) return null;
            return (
              <>
                <dt>
                  {POSITION_LABEL[kind]} ({who.length})
                </dt>
                <dd>
                  {who.map((p, k) => (
                    <>
                      {k > 0 && ", "}
                      <a href={`/people/${p.person.slug}`}>{p.person.name}</a>
                    </>
                  ))}
                </dd>
              </>
            );
          })}
        </dl>
      )}
      {v.note && <p class="meta">{v.note}</p>}
    </section>
  );
}

/** The divisions under one minute. */
export function Divisions(props: { votes: VoteEntry[]; minuteId: string }) {
  const mine = props.votes.filter((e) => e.minute?.id === props.minuteId);
  return (
    <>
      {mine.map((e) => (
        <Division entry={e} />
      ))}
    </>
  );
}

/** A member's voting record: each vote's motion, meeting and their position. */
export function VotingRecord(props: { record: VotingRecordEntry[] }) {
  return (
    <>
      <h2 id="votes">Voting record</h2>
      {props.record.length === 0 ? (
        <p>No recorded votes.</p>
      ) : (
        <table class="stack">
          <thead>
            <tr>
              <th scope="col">Meeting</th>
              <th scope="col">Motion</th>
              <th scope="col">Voted</th>
              <th scope="col">Result</th>
            </tr>
          </thead>
          <tbody>
            {props.record.map(({ entry, position }) => (
              <tr>
                <td>
                  {entry.meeting.committee.name}, {shortDate(entry.meeting.localDate)}
                </td>
                <td>
                  <a href={`/meetings/${entry.meeting.id}#vote-${entry.vote.id}`}>
                    {entry.minute ? `${entry.minute.number} ${entry.minute.title}: ` : ""}
                    {entry.vote.question}
                  </a>
                </td>
                <td>{POSITION_LABEL[position]}</td>
                <td>{RESULT_LABEL[entry.vote.result]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
