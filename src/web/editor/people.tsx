import type { Context } from "hono";
import type { App, AppEnv } from "../context.js";
import { MootError } from "../../domain/errors.js";
import { ROLE_LABELS } from "../../domain/membership.js";
import { PERSON_KIND_LABELS, PersonKind, type Person, type PersonForm } from "../../domain/person.js";
import { personUsage } from "../../store/queries/reference-data.js";
import { addTermOfOffice, createPerson, deletePerson, removeTermOfOffice, updatePerson } from "../../workflow/people.js";
import { guarded } from "../auth/guard.js";
import { actorScope } from "../auth/session.js";
import { shortDate } from "../views/format.js";
import { confirmPage, confirmed, DestructiveButton } from "./confirm.js";
import { Field, FormKit, Select, editorPage, type EditorStatus, type FormState } from "./shell.js";
import { formBody, orNull, param, submit, type FormBody } from "./submit.js";

/**
 * People as the clerk keeps them: councillors (party, ward, terms of office), officers (post,
 * service) and co-opted members. The page also shows, to staff only, which sign-in accounts are
 * linked to the person; user names never reach a public page.
 */
export const personUrl = (id: string) => `/editor/people/${id}`;

const KIND_OPTIONS = PersonKind.options.map((k) => [k, PERSON_KIND_LABELS[k]] as [string, string]);

function personFrom(v: FormBody): PersonForm {
  const kind = (v.kind ?? "") as PersonForm["kind"];
  return {
    name: v.name ?? "",
    honorific: orNull(v, "honorific"),
    kind,
    party: orNull(v, "party"),
    ward: orNull(v, "ward"),
    post: orNull(v, "post"),
    service: orNull(v, "service"),
    email: orNull(v, "email"),
    slug: v.slug?.trim() || undefined,
  };
}

function PersonFields(props: { kit: FormKit }) {
  const { kit } = props;
  return (
    <>
      <Field kit={kit} name="name" label="Name" required hint="As it should be printed, without a title" />
      <Field kit={kit} name="honorific" label="Title (optional)" hint="e.g. Cllr, Mrs, Rev." />
      <Select kit={kit} name="kind" label="Kind" options={KIND_OPTIONS} />
      <fieldset>
        <legend>Councillors</legend>
        <Field kit={kit} name="party" label="Party" />
        <Field kit={kit} name="ward" label="Ward" />
      </fieldset>
      <fieldset>
        <legend>Officers</legend>
        <Field kit={kit} name="post" label="Post" hint="e.g. Head of Planning" />
        <Field kit={kit} name="service" label="Service" />
      </fieldset>
      <Field kit={kit} name="email" label="Public email address (optional)" type="email" />
      <Field
        kit={kit}
        name="slug"
        label="Web address (optional)"
        hint="Lower-case words joined by hyphens; made from the name if left blank"
      />
    </>
  );
}

function PeopleTable(props: { caption: string; people: Person[]; columns: Array<[string, (p: Person) => string]> }) {
  if (props.people.length === 0) return null;
  return (
    <table class="stack">
      <caption>
        {props.caption} ({props.people.length})
      </caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          {props.columns.map(([label]) => (
            <th scope="col">{label}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.people.map((p) => (
          <tr>
            <td>
              <a href={personUrl(p.id)}>{p.name}</a>
            </td>
            {props.columns.map(([, value]) => (
              <td>{value(p)}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const bySurname = (a: Person, b: Person) => surname(a.name).localeCompare(surname(b.name)) || a.name.localeCompare(b.name);
const surname = (name: string) => name.trim().split(/\s+/).at(-1) ?? name;

async function listPage(c: Context<AppEnv>) {
  const people = (await actorScope(c).list("person", {}, ["name"])).sort(bySurname);
  const of = (...kinds: Person["kind"][]) => people.filter((p) => kinds.includes(p.kind));
  return editorPage(
    c,
    "People",
    <>
      <p>
        <a href="/editor/people/new">Add a person</a> · <a href="/editor/committees">Committees</a> · <a href="/people">Public list</a>
      </p>
      {people.length === 0 && <p>No people yet.</p>}
      <PeopleTable
        caption="Councillors"
        people={of("councillor")}
        columns={[
          ["Party", (p) => p.party ?? ""],
          ["Ward", (p) => p.ward ?? ""],
        ]}
      />
      <PeopleTable
        caption="Co-opted members and others"
        people={of("co-opted", "external")}
        columns={[["Kind", (p) => PERSON_KIND_LABELS[p.kind]]]}
      />
      <PeopleTable
        caption="Officers"
        people={of("officer")}
        columns={[
          ["Post", (p) => p.post ?? ""],
          ["Service", (p) => p.service ?? ""],
        ]}
      />
    </>,
  );
}

async function newPage(c: Context<AppEnv>, state?: FormState, st: EditorStatus = 200) {
  const kit = new FormKit(c, "person-new", { kind: c.req.query("kind") ?? "councillor" }, state);
  return editorPage(
    c,
    "Add a person",
    <>
      <p>
        <a href="/editor/people">All people</a>
      </p>
      <form method="post" action="/editor/people">
        {kit.csrf()}
        <PersonFields kit={kit} />
        <button type="submit">Add the person</button>
      </form>
    </>,
    st,
    state,
  );
}

async function personPage(c: Context<AppEnv>, id: string, state?: FormState, st: EditorStatus = 200) {
  const scope = actorScope(c);
  const p = await scope.require("person", id);
  const [usage, seats, profiles, committees] = await Promise.all([
    personUsage(scope, id),
    scope.list("membership", { personId: id }, ["fromDate"]),
    scope.list("person_profile", { personId: id }),
    scope.list("committee", {}, ["name"]),
  ]);
  const names = new Map(committees.map((x) => [x.id, x.name]));
  const terms = profiles[0]?.terms ?? [];
  const kit = new FormKit(c, "person", p, state);
  const term = new FormKit(c, "term", {}, state);
  const named = usage.attendance + usage.declarations + usage.votes;
  const member = usage.accounts.find((a) => a.role === "member");
  return editorPage(
    c,
    p.name,
    <>
      <p>
        <a href="/editor/people">All people</a> · <a href={`/people/${p.slug}`}>Public page</a>
        {p.kind !== "officer" && (
          <>
            {" · "}
            <a href={`/editor/people/${id}/interests`}>Register of interests</a>
          </>
        )}
      </p>
      <form method="post" action={personUrl(id)}>
        {kit.csrf()}
        {kit.revision(p)}
        <h2>Details</h2>
        <PersonFields kit={kit} />
        <button type="submit">Save</button>
      </form>
      <h2>Committees</h2>
      {seats.length === 0 ? (
        <p>No committee seats.</p>
      ) : (
        <ul>
          {seats.map((m) => (
            <li>
              <a href={`/editor/memberships/${m.id}`}>
                {names.get(m.committeeId)}: {ROLE_LABELS[m.role]}
              </a>
              {m.fromDate && ` from ${shortDate(m.fromDate)}`}
              {m.toDate && ` to ${shortDate(m.toDate)}`}
            </li>
          ))}
        </ul>
      )}
      {p.kind === "councillor" && (
        <>
          <h2>Terms of office</h2>
          {terms.length === 0 ? (
            <p>None recorded.</p>
          ) : (
            <ul>
              {terms.map((t) => (
                <li>
                  {/^\d{4}-\d{2}-\d{2}$/.test(t.start) ? shortDate(t.start) : t.start} to{" "}
                  {/^\d{4}-\d{2}-\d{2}$/.test(t.end) ? shortDate(t.end) : "(still serving)"}{" "}
                  <DestructiveButton c={c} action={`${personUrl(id)}/terms/remove`} label="Remove…" fields={{ start: t.start }} />
                </li>
              ))}
            </ul>
          )}
          <form method="post" action={`${personUrl(id)}/terms`}>
            {term.csrf()}
            <h3>Add a term of office</h3>
            <Field kit={term} name="start" label="Start" type="date" required />
            <Field kit={term} name="end" label="End (optional)" type="date" hint="Leave blank while they serve" />
            <button type="submit">Add the term</button>
          </form>
        </>
      )}
      <h2>Sign-in accounts</h2>
      {usage.accounts.length === 0 ? (
        <p>No account is linked to this person.</p>
      ) : (
        <ul>
          {usage.accounts.map((a) => (
            <li>
              {a.username} ({a.role})
            </li>
          ))}
        </ul>
      )}
      <h2>Delete</h2>
      {named > 0 ? (
        <p>{p.name} is named in the records of meetings, so cannot be deleted. When they leave, give their committee seats an end date.</p>
      ) : member ? (
        <p>
          {p.name} signs in as "{member.username}". An administrator must remove that account or link it to someone else before {p.name} can
          be deleted.
        </p>
      ) : (
        <>
          <p>Only for someone entered by mistake: they are removed with their committee seats and register of interests.</p>
          <DestructiveButton c={c} action={`${personUrl(id)}/delete`} label="Delete this person…" />
        </>
      )}
    </>,
    st,
    state,
  );
}

export function registerPeopleEditor(app: App): void {
  guarded(app, "get", "/editor/people", "staff", (c) => listPage(c));
  guarded(app, "get", "/editor/people/new", "staff", (c) => newPage(c));
  guarded(app, "post", "/editor/people", "staff", async (c) => {
    const { values } = await formBody(c);
    return submit(c, {
      form: "person-new",
      values,
      run: async () => {
        const p = await createPerson(actorScope(c), personFrom(values));
        return { to: personUrl(p.id), message: `${p.name} added.` };
      },
      rerender: (state, st) => newPage(c, state, st),
    });
  });
  guarded(app, "get", "/editor/people/:id", "staff", (c) => personPage(c, param(c, "id")));
  guarded(app, "post", "/editor/people/:id", "staff", async (c) => {
    const id = param(c, "id");
    const scope = actorScope(c);
    await scope.require("person", id);
    const { values } = await formBody(c);
    return submit(c, {
      form: "person",
      values,
      run: async () => {
        const p = await updatePerson(scope.expecting("person", id, values.revision), id, personFrom(values));
        return { to: personUrl(id), message: `${p.name} saved.` };
      },
      rerender: (state, st) => personPage(c, id, state, st),
    });
  });
  guarded(app, "post", "/editor/people/:id/delete", "staff", async (c) => {
    const id = param(c, "id");
    const scope = actorScope(c);
    const p = await scope.require("person", id);
    const { values } = await formBody(c);
    return submit(c, {
      form: "person-delete",
      values,
      run: async () => {
        if (!confirmed(values)) {
          const usage = await personUsage(scope, id);
          return confirmPage(c, {
            title: `Delete ${p.name}?`,
            consequence: (
              <p>
                {p.name} will be deleted with their {usage.memberships} committee seat{usage.memberships === 1 ? "" : "s"} and register of
                interests. This cannot be undone from the editor (the audit trail keeps a copy).
              </p>
            ),
            action: `${personUrl(id)}/delete`,
            button: `Yes, delete ${p.name}`,
            back: personUrl(id),
          });
        }
        await deletePerson(scope, id);
        return { to: "/editor/people", message: `${p.name} is deleted.` };
      },
      rerender: (state, st) => personPage(c, id, state, st),
    });
  });
  guarded(app, "post", "/editor/people/:id/terms", "staff", async (c) => {
    const id = param(c, "id");
    const scope = actorScope(c);
    await scope.require("person", id);
    const { values } = await formBody(c);
    return submit(c, {
      form: "term",
      values,
      run: async () => {
        await addTermOfOffice(scope, id, { start: values.start?.trim() ?? "", end: orNull(values, "end") });
        return { to: personUrl(id), message: "Term of office added." };
      },
      rerender: (state, st) => personPage(c, id, state, st),
    });
  });
  guarded(app, "post", "/editor/people/:id/terms/remove", "staff", async (c) => {
    const id = param(c, "id");
    const scope = actorScope(c);
    const p = await scope.require("person", id);
    const { values } = await formBody(c);
    const start = values.start?.trim() ?? "";
    return submit(c, {
      form: "term-remove",
      values,
      run: async () => {
        if (!start) throw new MootError("invalid", "start: choose the term of office to remove");
        if (!confirmed(values))
          return confirmPage(c, {
            title: `Remove a term of office of ${p.name}?`,
            consequence: <p>The term of office starting {/^\d{4}-\d{2}-\d{2}$/.test(start) ? shortDate(start) : start} will be removed.</p>,
            action: `${personUrl(id)}/terms/remove`,
            button: "Yes, remove the term",
            back: personUrl(id),
            fields: { start },
          });
        await removeTermOfOffice(scope, id, start);
        return { to: personUrl(id), message: "Term of office removed." };
      },
      rerender: (state, st) => personPage(c, id, state, st),
    });
  });
}
