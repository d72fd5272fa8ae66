import type { Context } from "hono";
import type { App, AppEnv } from "../context.js";
import { MootError } from "../../domain/errors.js";
import { POSITION_LABEL, RESULT_LABEL, VotePositionKind } from "../../domain/vote.js";
import { editVote, recordVote, removeVote, type VoteForm } from "../../workflow/votes.js";
import { guarded } from "../auth/guard.js";
import { actorScope } from "../auth/session.js";
import { meetingWhen } from "../views/format.js";
import {
  ActionButton,
  Confirm,
  Field,
  FormKit,
  MeetingNav,
  Select,
  TextArea,
  editorPage,
  type EditorStatus,
  type FormState,
} from "./shell.js";
import { formBody, intOrNull, opt, orNull, param, requireConfirm, submit, type FormBody } from "./submit.js";

/**
 * Votes under a minute, entered while minuting: the question, the result, the counts and,
 * for a recorded vote, each member's position. A page of its own, linked from each minute.
 */
const votesUrl = (minuteId: string) => `/editor/minutes/${minuteId}/votes`;

async function votesPage(c: Context<AppEnv>, minuteId: string, state?: FormState, status: EditorStatus = 200) {
  const scope = actorScope(c);
  const minute = await scope.require("minute", minuteId);
  const meeting = await scope.require("meeting", minute.meetingId);
  const committee = await scope.require("committee", meeting.committeeId);
  const members = new Set((await scope.list("membership", { committeeId: meeting.committeeId })).map((m) => m.personId));
  for (const a of await scope.list("attendance", { meetingId: meeting.id })) if (a.capacity === "member") members.add(a.personId);
  const people = (await scope.list("person", {}, ["name"])).filter((p) => members.has(p.id));
  const name = new Map(people.map((p) => [p.id, p.name]));
  const votes = await scope.list("vote", { minuteId }, ["position"]);
  const positions = await Promise.all(votes.map((v) => scope.list("vote_position", { voteId: v.id })));
  const kit = new FormKit(c, "vote", { method: "recorded", result: "carried" }, state);
  const options: Array<[string, string]> = [
    ["", "(not recorded)"],
    ...VotePositionKind.options.map((k) => [k, POSITION_LABEL[k]] as [string, string]),
  ];
  return editorPage(
    c,
    `Votes under minute ${minute.number}: ${committee.name}, ${meetingWhen(meeting)}`,
    <>
      <MeetingNav meetingId={meeting.id} current="minutes" />
      <p>
        <a href={`/editor/minutes/${minute.id}`}>Back to minute {minute.number}</a>
      </p>
      <h2>
        {minute.number} {minute.title}
      </h2>
      {votes.length === 0 ? (
        <p>No votes recorded under this minute.</p>
      ) : (
        <ul class="plain">
          {votes.map((v, k) => {
            const edit = new FormKit(c, `vote-${v.id}`, v, state);
            const rm = new FormKit(c, `vote-remove-${v.id}`, {}, state);
            return (
              <li id={`vote-${v.id}`}>
                {v.question}: {RESULT_LABEL[v.result]} (for {v.forCount}, against {v.againstCount}, abstained {v.abstainCount}
                {positions[k]!.length ? `; ${positions[k]!.length} named` : ""})
                {minute.status === "draft" && (
                  <details class="edit" open={edit.failed || rm.failed}>
                    <summary>Edit or remove this vote</summary>
                    <form method="post" action={`/editor/votes/${v.id}`}>
                      {edit.csrf()}
                      {edit.revision(v)}
                      <Field kit={edit} name="question" label="What was put to the vote" />
                      <Select kit={edit} name="result" label="Result" options={Object.entries(RESULT_LABEL) as Array<[string, string]>} />
                      {v.method === "show-of-hands" && (
                        <>
                          <Field kit={edit} name="forCount" label="For" type="number" />
                          <Field kit={edit} name="againstCount" label="Against" type="number" />
                          <Field kit={edit} name="abstainCount" label="Abstained" type="number" />
                        </>
                      )}
                      <TextArea kit={edit} name="note" label="Note (optional)" rows={2} />
                      <button type="submit">Save the vote</button>
                    </form>
                    <form method="post" action={`/editor/votes/${v.id}/remove`}>
                      {rm.csrf()}
                      <Confirm kit={rm} label="Remove this vote (entered in error)" />
                      <ActionButton kind="danger">Remove the vote</ActionButton>
                    </form>
                  </details>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {minute.status === "draft" ? (
        <form method="post" action={votesUrl(minute.id)}>
          {kit.csrf()}
          <h3>Record a vote</h3>
          <Field kit={kit} name="question" label="What was put to the vote" hint="e.g. the motion, the amendment moved by Cllr Ives" />
          <Select kit={kit} name="result" label="Result" options={Object.entries(RESULT_LABEL) as Array<[string, string]>} />
          <Select
            kit={kit}
            name="method"
            label="How it was taken"
            options={[
              ["recorded", "Recorded vote (members named)"],
              ["show-of-hands", "Show of hands (counts only)"],
            ]}
          />
          <Field
            kit={kit}
            name="forCount"
            label="For"
            type="number"
            hint="Leave the counts blank for a recorded vote: they are counted from the names."
          />
          <Field kit={kit} name="againstCount" label="Against" type="number" />
          <Field kit={kit} name="abstainCount" label="Abstained" type="number" />
          <fieldset>
            <legend>How each member voted (recorded votes)</legend>
            {people.map((p) => (
              <Select kit={kit} name={`pos_${p.id}`} label={name.get(p.id) ?? p.id} options={options} />
            ))}
          </fieldset>
          <TextArea kit={kit} name="note" label="Note (optional)" rows={2} />
          <button type="submit">Record the vote</button>
        </form>
      ) : (
        <p>These minutes are approved and locked; a vote is corrected by correcting the minute.</p>
      )}
    </>,
    status,
    state,
  );
}

function voteFrom(v: FormBody): VoteForm {
  const positions = Object.entries(v)
    .filter(([k, x]) => k.startsWith("pos_") && x)
    .map(([k, x]) => {
      const parsed = VotePositionKind.safeParse(x);
      if (!parsed.success) throw new MootError("invalid", `${k}: not a vote position`);
      return { personId: k.slice(4), position: parsed.data };
    });
  const method = (opt(v, "method") ?? "recorded") as VoteForm["method"];
  const counted = (k: "for" | "against" | "abstain") => positions.filter((p) => p.position === k).length;
  const count = (field: string, k: "for" | "against" | "abstain") => {
    const n = intOrNull(v, field);
    if (n === null && method === "show-of-hands" && field !== "abstainCount")
      throw new MootError("invalid", `${field}: give the count for a show of hands`);
    return n ?? counted(k);
  };
  return {
    question: v.question ?? "",
    result: (opt(v, "result") ?? "") as VoteForm["result"],
    method,
    forCount: count("forCount", "for"),
    againstCount: count("againstCount", "against"),
    abstainCount: count("abstainCount", "abstain"),
    note: opt(v, "note") ?? null,
    positions,
  };
}

export function registerVoteEditor(app: App): void {
  guarded(app, "get", "/editor/minutes/:id/votes", "staff", (c) => votesPage(c, param(c, "id")));
  guarded(app, "post", "/editor/minutes/:id/votes", "staff", async (c) => {
    const id = param(c, "id");
    const { values } = await formBody(c);
    return submit(c, {
      form: "vote",
      values,
      run: async () => {
        const r = await recordVote(actorScope(c), id, voteFrom(values));
        return { to: votesUrl(id), message: `Vote recorded: ${RESULT_LABEL[r.vote.result]}.` };
      },
      rerender: (state, status) => votesPage(c, id, state, status),
    });
  });
  guarded(app, "post", "/editor/votes/:id/remove", "staff", async (c) => {
    const id = param(c, "id");
    const scope = actorScope(c);
    const vote = await scope.require("vote", id);
    const minuteId = vote.minuteId ?? "";
    const { values } = await formBody(c);
    return submit(c, {
      form: `vote-remove-${id}`,
      values,
      run: async () => {
        requireConfirm(values, "remove the vote");
        await removeVote(scope, id);
        return { to: votesUrl(minuteId), message: "Vote removed." };
      },
      rerender: (state, status) => votesPage(c, minuteId, state, status),
    });
  });
  guarded(app, "post", "/editor/votes/:id", "staff", async (c) => {
    const id = param(c, "id");
    const vote = await actorScope(c).require("vote", id);
    const minuteId = vote.minuteId ?? "";
    const { values } = await formBody(c);
    return submit(c, {
      form: `vote-${id}`,
      values,
      run: async () => {
        const counts =
          vote.method === "show-of-hands"
            ? {
                forCount: intOrNull(values, "forCount") ?? 0,
                againstCount: intOrNull(values, "againstCount") ?? 0,
                abstainCount: intOrNull(values, "abstainCount") ?? 0,
              }
            : {};
        const v = await editVote(actorScope(c).expecting("vote", id, values.revision), id, {
          question: values.question ?? "",
          result: (opt(values, "result") ?? vote.result) as never,
          note: orNull(values, "note"),
          ...counts,
        });
        return { to: `${votesUrl(minuteId)}#vote-${id}`, message: `Vote saved: ${RESULT_LABEL[v.result]}.` };
      },
      rerender: (state, status) => votesPage(c, minuteId, state, status),
    });
  });
}
