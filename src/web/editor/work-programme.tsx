import type { Context } from "hono";
import type { App, AppEnv } from "../context.js";
import { paperBand, type PaperAnswers } from "../../domain/work-programme.js";
import { guarded } from "../auth/guard.js";
import { actorScope } from "../auth/session.js";
import { meetingWhen } from "../views/format.js";
import { Check, Field, FormKit, Select, TextArea, editorPage, type EditorStatus, type FormState } from "./shell.js";
import { bool, formBody, opt, orNull, submit, param } from "./submit.js";
import { addWorkItem, scheduleWorkItem, type WorkItemForm } from "../../workflow/work-programme.js";

const PAPER_QUESTIONS: Array<[keyof PaperAnswers, string]> = [
  ["publicInterest", "P: public interest"],
  ["abilityToInfluence", "A: ability to influence"],
  ["performance", "P: performance"],
  ["extent", "E: extent"],
  ["replication", "R: replication (not already covered elsewhere)"],
  ["executiveDecision", "Executive decision pending"],
];

async function programmePage(c: Context<AppEnv>, committeeId: string, state?: FormState, status: EditorStatus = 200) {
  const scope = actorScope(c);
  const cm = await scope.require("committee", committeeId);
  const items = await scope.list("work_programme_item", { committeeId }, ["createdAt"]);
  const meetings = (await scope.list("meeting", { committeeId }, ["startsAt"])).filter((m) => m.status === "scheduled");
  const when = new Map(meetings.map((m) => [m.id, meetingWhen(m)]));
  const add = new FormKit(c, "programme-add", { recurrence: "none" }, state);
  return editorPage(
    c,
    `${cm.name}: work programme`,
    <>
      <table>
        <caption>Items</caption>
        <thead>
          <tr>
            <th scope="col">Topic</th>
            <th scope="col">PAPER score</th>
            <th scope="col">Status</th>
            <th scope="col">Schedule</th>
          </tr>
        </thead>
        <tbody>
          {items.map((w) => {
            const kit = new FormKit(c, `schedule-${w.id}`, { meetingId: w.meetingId }, state);
            return (
              <tr>
                <td>
                  {w.topic}
                  {w.recurrence !== "none" ? ` (${w.recurrence})` : ""}
                  {w.plannedText ? <span class="meta"> {w.plannedText}</span> : ""}
                </td>
                <td>{w.score === null ? "–" : `${w.score} (${paperBand(w.score)})`}</td>
                <td>
                  {w.status}
                  {w.meetingId ? `: ${when.get(w.meetingId) ?? "another meeting"}` : ""}
                </td>
                <td>
                  <form method="post" action={`/editor/work-programme/${w.id}/schedule`}>
                    {kit.csrf()}
                    {kit.revision(w)}
                    <Select
                      kit={kit}
                      name="meetingId"
                      label={`Meeting for ${w.topic}`}
                      options={[["", "To be scheduled"], ...meetings.map((m) => [m.id, meetingWhen(m)] as [string, string])]}
                    />
                    <button type="submit">Schedule</button>
                  </form>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <h2>Add an item</h2>
      <form method="post" action={`/editor/committees/${committeeId}/work-programme`}>
        {add.csrf()}
        <Field kit={add} name="topic" label="Topic" />
        <TextArea kit={add} name="reason" label="Reason for scrutiny" rows={2} />
        <Field kit={add} name="responsible" label="Lead officer or cabinet member" />
        <Field kit={add} name="plannedText" label="Planned for (e.g. Spring 2026)" />
        <fieldset>
          <legend>PAPER prioritisation (score = number of yes answers; 5–6 high, 3–4 medium)</legend>
          {PAPER_QUESTIONS.map(([k, label]) => (
            <Check kit={add} name={`paper_${k}`} label={label} />
          ))}
        </fieldset>
        <Select
          kit={add}
          name="recurrence"
          label="Recurs"
          options={[
            ["none", "No"],
            ["annual", "Every year"],
            ["six-monthly", "Every six months"],
          ]}
        />
        <button type="submit">Add to the programme</button>
      </form>
    </>,
    status,
    state,
  );
}

export function registerWorkProgramme(app: App) {
  guarded(app, "get", "/editor/committees/:id/work-programme", "staff", (c) => programmePage(c, param(c, "id")));
  guarded(app, "post", "/editor/committees/:id/work-programme", "staff", async (c) => {
    const id = param(c, "id");
    const { values } = await formBody(c);
    return submit(c, {
      form: "programme-add",
      values,
      run: async () => {
        const answered = PAPER_QUESTIONS.some(([k]) => values[`paper_${k}`] !== undefined);
        const paper = answered ? (Object.fromEntries(PAPER_QUESTIONS.map(([k]) => [k, bool(values, `paper_${k}`)])) as PaperAnswers) : null;
        const w = await addWorkItem(actorScope(c), id, {
          topic: values.topic ?? "",
          reason: orNull(values, "reason"),
          responsible: orNull(values, "responsible"),
          plannedText: orNull(values, "plannedText"),
          paper,
          recurrence: opt(values, "recurrence") as WorkItemForm["recurrence"],
        });
        return {
          to: `/editor/committees/${id}/work-programme`,
          message: `Added "${w.topic}"${w.score !== null ? ` (score ${w.score}, ${paperBand(w.score)})` : ""}.`,
        };
      },
      rerender: (state, status) => programmePage(c, id, state, status),
    });
  });
  guarded(app, "post", "/editor/work-programme/:id/schedule", "staff", async (c) => {
    const id = param(c, "id");
    const { values } = await formBody(c);
    const committeeId = (await actorScope(c).require("work_programme_item", id)).committeeId;
    return submit(c, {
      form: `schedule-${id}`,
      values,
      run: async () => {
        const w = await scheduleWorkItem(
          actorScope(c).expecting("work_programme_item", id, values.revision),
          id,
          opt(values, "meetingId") ?? null,
        );
        return { to: `/editor/committees/${committeeId}/work-programme`, message: `"${w.topic}" is ${w.status}.` };
      },
      rerender: (state, status) => programmePage(c, committeeId, state, status),
    });
  });
}
