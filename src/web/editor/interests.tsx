import type { Context } from "hono";
import type { App, AppEnv } from "../context.js";
import { DPI_CATEGORY_LABELS } from "../../domain/interest.js";
import { fullRegister, registerInterest, updateInterest, type InterestForm } from "../../workflow/interests.js";
import { guarded } from "../auth/guard.js";
import { actorScope } from "../auth/session.js";
import { shortDate } from "../views/format.js";
import { Check, Field, FormKit, Select, TextArea, editorPage, type EditorStatus, type FormState } from "./shell.js";
import { bool, formBody, opt, orNull, submit, param } from "./submit.js";

const CLASS_OPTIONS: Array<[string, string]> = [
  ["dpi", "Disclosable pecuniary interest"],
  ["ori", "Other registrable interest"],
  ["nri", "Non-registrable interest"],
];
const CATEGORY_OPTIONS: Array<[string, string]> = [["", "(not a DPI)"], ...Object.entries(DPI_CATEGORY_LABELS)];

async function registerPage(c: Context<AppEnv>, personId: string, state?: FormState, status: EditorStatus = 200) {
  const scope = actorScope(c);
  const person = await scope.require("person", personId);
  const interests = await fullRegister(scope, c.get("viewer"), personId);
  const add = new FormKit(c, "interest-add", { interestClass: "dpi", holder: "member", registeredOn: c.get("today") }, state);
  return editorPage(
    c,
    `Register of interests: ${person.name}`,
    <>
      {interests.length === 0 ? (
        <p>Nothing registered yet.</p>
      ) : (
        <ul class="plain">
          {interests.map((i) => {
            const kit = new FormKit(c, `interest-${i.id}`, i, state);
            return (
              <li id={`interest-${i.id}`}>
                <p>
                  <strong>{i.category ? DPI_CATEGORY_LABELS[i.category] : i.interestClass.toUpperCase()}</strong>: {i.description}{" "}
                  <span class="meta">
                    (registered {shortDate(i.registeredOn)}
                    {i.endedOn ? `, ended ${shortDate(i.endedOn)}` : ""}
                    {i.sensitive ? ", sensitive" : ""})
                  </span>
                </p>
                <form method="post" action={`/editor/people/${personId}/interests/${i.id}`}>
                  {kit.csrf()}
                  {kit.revision(i)}
                  <TextArea kit={kit} name="description" label="Description" rows={2} />
                  <Field kit={kit} name="endedOn" label="Ended on" type="date" />
                  <button type="submit">Save</button>
                </form>
              </li>
            );
          })}
        </ul>
      )}
      <h2>Register an interest</h2>
      <form method="post" action={`/editor/people/${personId}/interests`}>
        {add.csrf()}
        <Select kit={add} name="interestClass" label="Class" options={CLASS_OPTIONS} />
        <Select kit={add} name="category" label="DPI category" options={CATEGORY_OPTIONS} />
        <TextArea kit={add} name="description" label="Description" rows={2} />
        <Select
          kit={add}
          name="holder"
          label="Whose interest"
          options={[
            ["member", "Mine"],
            ["partner", "My spouse, civil partner or partner"],
          ]}
        />
        <Check kit={add} name="sensitive" label="Sensitive (s.32 Localism Act 2011): withhold the details from the published register" />
        <Field kit={add} name="registeredOn" label="Registered on" type="date" />
        <button type="submit">Register</button>
      </form>
    </>,
    status,
    state,
  );
}

/** For clerks: every councillor and co-optee, each linked to their register of interests. */
async function registersPage(c: Context<AppEnv>) {
  const people = (await actorScope(c).list("person", {}, ["name"])).filter((p) => p.kind !== "officer");
  return editorPage(
    c,
    "Registers of interests",
    people.length === 0 ? (
      <p>No councillors are recorded yet.</p>
    ) : (
      <ul class="plain">
        {people.map((p) => (
          <li>
            <a href={`/editor/people/${p.id}/interests`}>{p.name}</a>
          </li>
        ))}
      </ul>
    ),
  );
}

export function registerInterests(app: App) {
  guarded(app, "get", "/editor/interests", "staff", registersPage);
  guarded(app, "get", "/editor/people/:personId/interests", "own-person", (c) => registerPage(c, param(c, "personId")));
  guarded(app, "post", "/editor/people/:personId/interests", "own-person", async (c) => {
    const personId = param(c, "personId");
    const { values } = await formBody(c);
    return submit(c, {
      form: "interest-add",
      values,
      run: async () => {
        const form = {
          interestClass: values.interestClass ?? "",
          category: opt(values, "category") ?? null,
          description: values.description ?? "",
          holder: opt(values, "holder"),
          sensitive: bool(values, "sensitive"),
          registeredOn: values.registeredOn ?? "",
        };
        await registerInterest(actorScope(c), c.get("viewer"), personId, form as InterestForm);
        return { to: `/editor/people/${personId}/interests`, message: "Interest registered." };
      },
      rerender: (state, status) => registerPage(c, personId, state, status),
    });
  });
  guarded(app, "post", "/editor/people/:personId/interests/:interestId", "own-person", async (c) => {
    const personId = param(c, "personId");
    const interestId = param(c, "interestId");
    const { values } = await formBody(c);
    return submit(c, {
      form: `interest-${interestId}`,
      values,
      run: async () => {
        await updateInterest(
          actorScope(c).expecting("registered_interest", interestId, values.revision),
          c.get("viewer"),
          interestId,
          { description: values.description ?? "", endedOn: orNull(values, "endedOn") },
          { personId },
        );
        return { to: `/editor/people/${personId}/interests#interest-${interestId}`, message: "Saved." };
      },
      rerender: (state, status) => registerPage(c, personId, state, status),
    });
  });
}
