import type { Context } from "hono";
import type { App, AppEnv } from "../context.js";
import { COMMITTEE_KIND_LABELS, CommitteeKind, MINUTE_RESET_LABELS, type Committee, type CommitteeForm } from "../../domain/committee.js";
import { CO_OPTED_KIND_LABELS, CoOptedKind, MembershipRole, ROLE_LABELS, type MembershipForm } from "../../domain/membership.js";
import { PERSON_KIND_LABELS } from "../../domain/person.js";
import { MootError } from "../../domain/errors.js";
import { committeeSeats, committeeUsage } from "../../store/queries/reference-data.js";
import { createCommittee, deleteCommittee, retireCommittee, updateCommittee } from "../../workflow/committees.js";
import { addMembership, removeMembership, updateMembership } from "../../workflow/memberships.js";
import { guarded } from "../auth/guard.js";
import { actorScope } from "../auth/session.js";
import { shortDate } from "../views/format.js";
import { confirmPage, confirmed, DestructiveButton } from "./confirm.js";
import { Field, FormKit, Select, TextArea, editorPage, type EditorStatus, type FormState } from "./shell.js";
import { formBody, opt, orNull, param, submit, type FormBody } from "./submit.js";

/**
 * Committees and who sits on them, as the clerk sets them up: kind, parent, terms of
 * reference, minute numbers and address; memberships with roles and dates. Rules live in
 * workflow/committees.ts and workflow/memberships.ts; every write goes through the Scope.
 */
export const committeeUrl = (id: string) => `/editor/committees/${id}`;
export const membersUrl = (id: string) => `/editor/committees/${id}/members`;
const seatUrl = (id: string) => `/editor/memberships/${id}`;

const KIND_OPTIONS = CommitteeKind.options.map((k) => [k, COMMITTEE_KIND_LABELS[k]] as [string, string]);
const RESET_OPTIONS = (Object.keys(MINUTE_RESET_LABELS) as Array<keyof typeof MINUTE_RESET_LABELS>).map(
  (k) => [k, MINUTE_RESET_LABELS[k]] as [string, string],
);

function committeeFrom(v: FormBody): CommitteeForm {
  return {
    name: v.name ?? "",
    slug: opt(v, "slug"),
    kind: (v.kind ?? "") as CommitteeForm["kind"],
    parentId: orNull(v, "parentId"),
    description: orNull(v, "description"),
    minuteScheme: { pattern: v.minuteScheme?.trim() || "{n}", resetEach: (opt(v, "minuteReset") ?? "never") as "never" },
    activeFrom: orNull(v, "activeFrom"),
    activeTo: orNull(v, "activeTo"),
  };
}

const formValues = (c: Committee) => ({
  ...c,
  minuteScheme: c.minuteScheme.pattern,
  minuteReset: c.minuteScheme.resetEach,
});

function CommitteeFields(props: { kit: FormKit; parents: Array<[string, string]> }) {
  const { kit } = props;
  return (
    <>
      <Field kit={kit} name="name" label="Name" required />
      <Select kit={kit} name="kind" label="Kind" options={KIND_OPTIONS} />
      <Select kit={kit} name="parentId" label="Part of" options={[["", "(none: reports to no other committee)"], ...props.parents]} />
      <TextArea kit={kit} name="description" label="Terms of reference or purpose (shown to residents)" rows={5} />
      <Field
        kit={kit}
        name="minuteScheme"
        label="Minute numbers"
        hint="{n} is the running number; {YY} or {YYYY} the year, {MM} the month. For example OS{n}/{YY}"
      />
      <Select kit={kit} name="minuteReset" label="Minute numbers start again" options={RESET_OPTIONS} />
      <Field
        kit={kit}
        name="slug"
        label="Web address (optional)"
        hint="Lower-case words joined by hyphens; made from the name if left blank"
      />
      <Field kit={kit} name="activeFrom" label="Set up on (optional)" type="date" />
    </>
  );
}

async function parentOptions(c: Context<AppEnv>, except?: string): Promise<Array<[string, string]>> {
  return (await actorScope(c).list("committee", {}, ["name"])).filter((x) => x.id !== except).map((x) => [x.id, x.name]);
}

const status = (cm: Committee, today: string) =>
  cm.activeTo && cm.activeTo < today ? `Ended ${shortDate(cm.activeTo)}` : cm.activeTo ? `Until ${shortDate(cm.activeTo)}` : "Active";

async function listPage(c: Context<AppEnv>) {
  const scope = actorScope(c);
  const committees = await scope.list("committee", {}, ["name"]);
  const names = new Map(committees.map((x) => [x.id, x.name]));
  const today = c.get("today");
  return editorPage(
    c,
    "Committees",
    <>
      <p>
        <a href="/editor/committees/new">Set up a committee</a> · <a href="/editor/people">People</a> ·{" "}
        <a href="/committees">Public list of committees</a>
      </p>
      {committees.length === 0 ? (
        <p>No committees yet.</p>
      ) : (
        <table class="stack">
          <caption class="muted">{committees.length} committees</caption>
          <thead>
            <tr>
              <th scope="col">Committee</th>
              <th scope="col">Kind</th>
              <th scope="col">Part of</th>
              <th scope="col">Status</th>
              <th scope="col">Members</th>
            </tr>
          </thead>
          <tbody>
            {committees.map((cm) => (
              <tr>
                <td>
                  <a href={committeeUrl(cm.id)}>{cm.name}</a>
                </td>
                <td>{COMMITTEE_KIND_LABELS[cm.kind]}</td>
                <td>{cm.parentId ? names.get(cm.parentId) : ""}</td>
                <td>{status(cm, today)}</td>
                <td>
                  <a href={membersUrl(cm.id)} aria-label={`Members of ${cm.name}`}>
                    Members
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>,
  );
}

async function newPage(c: Context<AppEnv>, state?: FormState, st: EditorStatus = 200) {
  const kit = new FormKit(c, "committee-new", { kind: "other", minuteScheme: "{n}", minuteReset: "never" }, state);
  return editorPage(
    c,
    "Set up a committee",
    <>
      <p>
        <a href="/editor/committees">All committees</a>
      </p>
      <form method="post" action="/editor/committees">
        {kit.csrf()}
        <CommitteeFields kit={kit} parents={await parentOptions(c)} />
        <button type="submit">Set up the committee</button>
      </form>
    </>,
    st,
    state,
  );
}

async function committeePage(c: Context<AppEnv>, id: string, state?: FormState, st: EditorStatus = 200) {
  const scope = actorScope(c);
  const cm = await scope.require("committee", id);
  const today = c.get("today");
  const usage = await committeeUsage(scope, id);
  const kit = new FormKit(c, "committee", formValues(cm), state);
  const retire = new FormKit(c, "committee-retire", { activeTo: cm.activeTo ?? today }, state);
  return editorPage(
    c,
    cm.name,
    <>
      <p>
        <a href="/editor/committees">All committees</a> · <a href={membersUrl(id)}>Members</a> ·{" "}
        <a href={`/editor/committees/${id}/work-programme`}>Work programme</a> · <a href={`/committees/${cm.slug}`}>Public page</a>
      </p>
      <p>
        Status: <strong>{status(cm, today)}</strong>. {usage.meetings} meeting{usage.meetings === 1 ? "" : "s"} on record,{" "}
        {usage.memberships} membership{usage.memberships === 1 ? "" : "s"}, {usage.subCommittees} sub-committee
        {usage.subCommittees === 1 ? "" : "s"}.
      </p>
      <form method="post" action={committeeUrl(id)}>
        {kit.csrf()}
        {kit.revision(cm)}
        <h2>Details</h2>
        <CommitteeFields kit={kit} parents={await parentOptions(c, id)} />
        <Field kit={kit} name="activeTo" label="Ends on (optional)" type="date" hint="Leave blank while the committee runs" />
        <button type="submit">Save the committee</button>
      </form>
      <h2>Retire the committee</h2>
      <p>
        A retired committee stays on the public list with its meetings and minutes, marked with its end date. Memberships still running end
        on that date.
      </p>
      <form method="post" action={`${committeeUrl(id)}/retire`}>
        {retire.csrf()}
        <Field kit={retire} name="activeTo" label="Last day of the committee" type="date" required />
        <button type="submit" class="danger">
          Retire the committee…
        </button>
      </form>
      <h2>Delete the committee</h2>
      {usage.meetings > 0 ? (
        <p>This committee has meetings on record, so it cannot be deleted; retire it instead.</p>
      ) : (
        <>
          <p>Only for a committee set up by mistake: it is removed with its memberships and work programme.</p>
          <DestructiveButton c={c} action={`${committeeUrl(id)}/delete`} label="Delete the committee…" />
        </>
      )}
    </>,
    st,
    state,
  );
}

function seatFrom(v: FormBody): MembershipForm {
  return {
    personId: v.personId ?? "",
    role: (v.role ?? "") as MembershipForm["role"],
    coOptedKind: orNull(v, "coOptedKind") as MembershipForm["coOptedKind"],
    representing: orNull(v, "representing"),
    fromDate: orNull(v, "fromDate"),
    toDate: orNull(v, "toDate"),
  };
}

const ROLE_OPTIONS = MembershipRole.options.map((r) => [r, ROLE_LABELS[r]] as [string, string]);
const CO_OPTED_OPTIONS: Array<[string, string]> = [
  ["", "(not co-opted)"],
  ...CoOptedKind.options.map((k) => [k, CO_OPTED_KIND_LABELS[k]] as [string, string]),
];

function SeatFields(props: { kit: FormKit }) {
  const { kit } = props;
  return (
    <>
      <Select kit={kit} name="role" label="Role" options={ROLE_OPTIONS} />
      <Field kit={kit} name="fromDate" label="From (optional)" type="date" />
      <Field kit={kit} name="toDate" label="To (optional)" type="date" hint="Leave blank while the seat runs" />
      <Select kit={kit} name="coOptedKind" label="Co-opted as (co-opted members only)" options={CO_OPTED_OPTIONS} />
      <Field kit={kit} name="representing" label="Representing (co-opted members only)" hint="e.g. Diocese of Borchester" />
    </>
  );
}

const seatDates = (m: { fromDate: string | null; toDate: string | null }) =>
  m.fromDate && m.toDate
    ? `${shortDate(m.fromDate)} to ${shortDate(m.toDate)}`
    : m.fromDate
      ? `from ${shortDate(m.fromDate)}`
      : m.toDate
        ? `until ${shortDate(m.toDate)}`
        : "";

async function membersPage(c: Context<AppEnv>, id: string, state?: FormState, st: EditorStatus = 200) {
  const scope = actorScope(c);
  const cm = await scope.require("committee", id);
  const today = c.get("today");
  const seats = await committeeSeats(scope, id, today);
  const people = (await scope.list("person", {}, ["name"])).filter((p) => p.kind !== "officer");
  const kit = new FormKit(c, "seat-new", { role: "member", fromDate: today }, state);
  return editorPage(
    c,
    `Members of ${cm.name}`,
    <>
      <p>
        <a href={committeeUrl(id)}>{cm.name}</a> · <a href="/editor/committees">All committees</a> ·{" "}
        <a href="/editor/people/new">Add a person</a>
      </p>
      {seats.length === 0 ? (
        <p>No members yet.</p>
      ) : (
        <table class="stack">
          <caption class="muted">Members, substitutes and co-opted members</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col">Seat</th>
              <th scope="col">Dates</th>
              <th scope="col">Change</th>
            </tr>
          </thead>
          <tbody>
            {seats.map(({ membership: m, person }) => (
              <tr>
                <td>
                  <a href={`/editor/people/${person.id}`}>{person.name}</a>
                </td>
                <td>{ROLE_LABELS[m.role]}</td>
                <td>{m.kind === "co-opted" ? `Co-opted${m.representing ? `, ${m.representing}` : ""}` : (person.party ?? "Councillor")}</td>
                <td>
                  {seatDates(m)}
                  {m.toDate && m.toDate < today ? " (ended)" : ""}
                </td>
                <td>
                  <a href={seatUrl(m.id)} aria-label={`Change ${person.name}'s seat`}>
                    Change
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form method="post" action={membersUrl(id)}>
        {kit.csrf()}
        <h2>Add a member</h2>
        <Select
          kit={kit}
          name="personId"
          label="Person"
          options={[["", "(choose)"], ...people.map((p) => [p.id, `${p.name} (${PERSON_KIND_LABELS[p.kind]})`] as [string, string])]}
        />
        <SeatFields kit={kit} />
        <button type="submit">Add to the committee</button>
      </form>
    </>,
    st,
    state,
  );
}

async function seatPage(c: Context<AppEnv>, id: string, state?: FormState, st: EditorStatus = 200) {
  const scope = actorScope(c);
  const m = await scope.require("membership", id);
  const [cm, person] = await Promise.all([scope.require("committee", m.committeeId), scope.require("person", m.personId)]);
  const kit = new FormKit(c, "seat", m, state);
  return editorPage(
    c,
    `${person.name} on ${cm.name}`,
    <>
      <p>
        <a href={membersUrl(cm.id)}>Members of {cm.name}</a> · <a href={`/editor/people/${person.id}`}>{person.name}</a>
      </p>
      <form method="post" action={seatUrl(id)}>
        {kit.csrf()}
        {kit.revision(m)}
        <SeatFields kit={kit} />
        <button type="submit">Save the seat</button>
      </form>
      <h2>Remove the seat</h2>
      <p>
        Only for a seat entered by mistake. When someone leaves the committee, give the seat an end date instead, so it stays on record.
      </p>
      <DestructiveButton c={c} action={`${seatUrl(id)}/remove`} label="Remove the seat…" />
    </>,
    st,
    state,
  );
}

export function registerCommitteeEditor(app: App): void {
  guarded(app, "get", "/editor/committees", "staff", (c) => listPage(c));
  guarded(app, "get", "/editor/committees/new", "staff", (c) => newPage(c));
  guarded(app, "post", "/editor/committees", "staff", async (c) => {
    const { values } = await formBody(c);
    return submit(c, {
      form: "committee-new",
      values,
      run: async () => {
        const cm = await createCommittee(actorScope(c), committeeFrom(values));
        return { to: membersUrl(cm.id), message: `${cm.name} is set up. Now add its members.` };
      },
      rerender: (state, st) => newPage(c, state, st),
    });
  });
  guarded(app, "get", "/editor/committees/:id", "staff", (c) => committeePage(c, param(c, "id")));
  guarded(app, "post", "/editor/committees/:id", "staff", async (c) => {
    const id = param(c, "id");
    const scope = actorScope(c);
    await scope.require("committee", id);
    const { values } = await formBody(c);
    return submit(c, {
      form: "committee",
      values,
      run: async () => {
        const form = { ...committeeFrom(values), slug: values.slug?.trim() || undefined };
        const cm = await updateCommittee(scope.expecting("committee", id, values.revision), id, form);
        return { to: committeeUrl(id), message: `${cm.name} saved.` };
      },
      rerender: (state, st) => committeePage(c, id, state, st),
    });
  });
  guarded(app, "post", "/editor/committees/:id/retire", "staff", async (c) => {
    const id = param(c, "id");
    const scope = actorScope(c);
    const cm = await scope.require("committee", id);
    const { values } = await formBody(c);
    const on = values.activeTo?.trim() ?? "";
    return submit(c, {
      form: "committee-retire",
      values,
      run: async () => {
        if (!confirmed(values)) {
          if (!/^\d{4}-\d{2}-\d{2}$/.test(on)) throw new MootError("invalid", "activeTo: give the committee's last day");
          return confirmPage(c, {
            title: `Retire ${cm.name}?`,
            consequence: (
              <p>
                {cm.name} will end on {shortDate(on)}. It stays on the public list, marked with that date, with its meetings and minutes.
                Every membership still running then ends on that date. You can give it a later end date afterwards.
              </p>
            ),
            action: `${committeeUrl(id)}/retire`,
            button: `Yes, retire ${cm.name}`,
            back: committeeUrl(id),
            fields: { activeTo: on },
          });
        }
        await retireCommittee(scope, id, on);
        return { to: committeeUrl(id), message: `${cm.name} is retired from ${shortDate(on)}.` };
      },
      rerender: (state, st) => committeePage(c, id, state, st),
    });
  });
  guarded(app, "post", "/editor/committees/:id/delete", "staff", async (c) => {
    const id = param(c, "id");
    const scope = actorScope(c);
    const cm = await scope.require("committee", id);
    const { values } = await formBody(c);
    return submit(c, {
      form: "committee-delete",
      values,
      run: async () => {
        if (!confirmed(values)) {
          const usage = await committeeUsage(scope, id);
          return confirmPage(c, {
            title: `Delete ${cm.name}?`,
            consequence: (
              <p>
                {cm.name} will be deleted with its {usage.memberships} membership{usage.memberships === 1 ? "" : "s"} and its work
                programme. This cannot be undone from the editor (the audit trail keeps a copy).
              </p>
            ),
            action: `${committeeUrl(id)}/delete`,
            button: `Yes, delete ${cm.name}`,
            back: committeeUrl(id),
          });
        }
        await deleteCommittee(scope, id);
        return { to: "/editor/committees", message: `${cm.name} is deleted.` };
      },
      rerender: (state, st) => committeePage(c, id, state, st),
    });
  });

  guarded(app, "get", "/editor/committees/:id/members", "staff", (c) => membersPage(c, param(c, "id")));
  guarded(app, "post", "/editor/committees/:id/members", "staff", async (c) => {
    const id = param(c, "id");
    const scope = actorScope(c);
    await scope.require("committee", id);
    const { values } = await formBody(c);
    return submit(c, {
      form: "seat-new",
      values,
      run: async () => {
        const m = await addMembership(scope, id, seatFrom(values));
        const person = await scope.require("person", m.personId);
        return { to: membersUrl(id), message: `${person.name} added as ${ROLE_LABELS[m.role]}.` };
      },
      rerender: (state, st) => membersPage(c, id, state, st),
    });
  });
  guarded(app, "get", "/editor/memberships/:id", "staff", (c) => seatPage(c, param(c, "id")));
  guarded(app, "post", "/editor/memberships/:id", "staff", async (c) => {
    const id = param(c, "id");
    const scope = actorScope(c);
    const before = await scope.require("membership", id);
    const { values } = await formBody(c);
    return submit(c, {
      form: "seat",
      values,
      run: async () => {
        const { personId: _p, ...form } = seatFrom({ ...values, personId: before.personId });
        await updateMembership(scope.expecting("membership", id, values.revision), id, form);
        return { to: membersUrl(before.committeeId), message: "Seat saved." };
      },
      rerender: (state, st) => seatPage(c, id, state, st),
    });
  });
  guarded(app, "post", "/editor/memberships/:id/remove", "staff", async (c) => {
    const id = param(c, "id");
    const scope = actorScope(c);
    const m = await scope.require("membership", id);
    const [cm, person] = await Promise.all([scope.require("committee", m.committeeId), scope.require("person", m.personId)]);
    const { values } = await formBody(c);
    return submit(c, {
      form: "seat-remove",
      values,
      run: async () => {
        if (!confirmed(values))
          return confirmPage(c, {
            title: `Remove ${person.name}'s seat?`,
            consequence: (
              <p>
                {person.name}'s seat on {cm.name} ({ROLE_LABELS[m.role]}) will be removed as if it had never been. If they have left the
                committee, go back and give the seat an end date instead.
              </p>
            ),
            action: `${seatUrl(id)}/remove`,
            button: "Yes, remove the seat",
            back: seatUrl(id),
          });
        await removeMembership(scope, id);
        return { to: membersUrl(cm.id), message: `${person.name}'s seat on ${cm.name} is removed.` };
      },
      rerender: (state, st) => seatPage(c, id, state, st),
    });
  });
}
