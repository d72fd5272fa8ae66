import type { Context } from "hono";
import type { App, AppEnv } from "../context.js";
import { ROLE_NAMES, Role, type PublicUser } from "../../domain/account.js";
import { MootError } from "../../domain/errors.js";
import { findUser, listUsers, publicUser } from "../../store/accounts.js";
import { changeAccount, createAccount, issuePassword, setAccountDisabled, type Acting } from "../../workflow/accounts.js";
import { guarded } from "../auth/guard.js";
import { actorScope, signedIn } from "../auth/session.js";
import { confirmPage, confirmed, DestructiveButton } from "./confirm.js";
import { Field, FormKit, Select, editorPage, type EditorStatus, type FormState } from "./shell.js";
import { formBody, opt, orNull, param, submit } from "./submit.js";

/**
 * Sign-in accounts, for administrators only (`guarded(…, "admin")`): create an account, change
 * its role or the person it is linked to, disable it, issue a new password. The workflow
 * refuses anyone but an administrator and anyone changing their own role; every change is
 * audited without the password hash. A generated password is shown once, on the answer to
 * the form, and never stored or sent anywhere else.
 */
const accountUrl = (id: string) => `/editor/accounts/${id}`;
const ROLE_OPTIONS = Role.options.map((r) => [r, ROLE_NAMES[r]] as [string, string]);

function acting(c: Context<AppEnv>): Acting {
  const who = signedIn(c)!;
  return { id: who.user.id, role: who.user.role };
}

async function personOptions(c: Context<AppEnv>): Promise<Array<[string, string]>> {
  const people = await actorScope(c).list("person", {}, ["name"]);
  return [["", "(no one)"], ...people.map((p) => [p.id, `${p.name} (${p.kind})`] as [string, string])];
}

function PasswordOnce(props: { username: string; password: string }) {
  return (
    <div class="notice" role="status">
      <p>
        The password for <strong>{props.username}</strong> is <code>{props.password}</code>
      </p>
      <p>Give it to them in person or by telephone. It is shown only this once; they can be given a new one here at any time.</p>
    </div>
  );
}

async function listPage(c: Context<AppEnv>, state?: FormState, st: EditorStatus = 200, created?: { username: string; password: string }) {
  const scope = actorScope(c);
  const [users, people] = await Promise.all([listUsers(scope), scope.list("person", {}, ["name"])]);
  const names = new Map(people.map((p) => [p.id, p.name]));
  const kit = new FormKit(c, "account-new", { role: "clerk" }, state);
  return editorPage(
    c,
    "Accounts",
    <>
      {created && <PasswordOnce {...created} />}
      <table class="stack">
        <caption class="muted">Everyone who can sign in to this council's editor</caption>
        <thead>
          <tr>
            <th scope="col">User name</th>
            <th scope="col">Name shown</th>
            <th scope="col">Role</th>
            <th scope="col">Linked to</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr>
              <td>
                <a href={accountUrl(u.id)}>{u.username}</a>
              </td>
              <td>{u.displayName}</td>
              <td>{ROLE_NAMES[u.role]}</td>
              <td>{u.personId ? names.get(u.personId) : ""}</td>
              <td>{u.disabled ? "Disabled" : "Active"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form method="post" action="/editor/accounts">
        {kit.csrf()}
        <h2>Create an account</h2>
        <Field kit={kit} name="username" label="User name" required hint="2–64 letters, digits, dots, dashes, underscores or @" />
        <Field kit={kit} name="displayName" label="Name shown (optional)" hint="The linked person's name if left blank" />
        <Select kit={kit} name="role" label="Role" options={ROLE_OPTIONS} />
        <Select kit={kit} name="personId" label="Linked to (required for a member)" options={await personOptions(c)} />
        <p class="meta">A password is made for the account and shown once when you create it.</p>
        <button type="submit">Create the account</button>
      </form>
    </>,
    st,
    state,
  );
}

async function accountPage(c: Context<AppEnv>, id: string, state?: FormState, st: EditorStatus = 200, issued?: string) {
  const scope = actorScope(c);
  const found = await findUser(scope, id);
  if (!found) throw new MootError("not_found", "no such account");
  const u: PublicUser = publicUser(found);
  const self = id === signedIn(c)?.user.id;
  const kit = new FormKit(c, "account", { ...u, revision: u.updatedAt }, state);
  const revision = kit.failed && state?.values.revision ? state.values.revision : u.updatedAt;
  return editorPage(
    c,
    `Account ${u.username}`,
    <>
      {issued && <PasswordOnce username={u.username} password={issued} />}
      <p>
        <a href="/editor/accounts">All accounts</a>
      </p>
      <p>
        Status: <strong>{u.disabled ? "Disabled" : "Active"}</strong>. Created {u.createdAt.slice(0, 10)}.
      </p>
      <form method="post" action={accountUrl(id)}>
        {kit.csrf()}
        <input type="hidden" name="revision" value={revision} />
        <Field kit={kit} name="displayName" label="Name shown" required />
        {self ? (
          <p>
            Role: <strong>{ROLE_NAMES[u.role]}</strong> (you cannot change your own role; ask another administrator)
            <input type="hidden" name="role" value={u.role} />
          </p>
        ) : (
          <Select kit={kit} name="role" label="Role" options={ROLE_OPTIONS} />
        )}
        <Select kit={kit} name="personId" label="Linked to (required for a member)" options={await personOptions(c)} />
        <button type="submit">Save the account</button>
      </form>
      <h2>Password</h2>
      <p>Issue a new password: the old one stops working and the account is signed out everywhere.</p>
      <DestructiveButton c={c} action={`${accountUrl(id)}/password`} label="Issue a new password…" />
      <h2>{u.disabled ? "Enable" : "Disable"}</h2>
      {u.disabled ? (
        <form method="post" action={`${accountUrl(id)}/enable`}>
          {kit.csrf()}
          <input type="hidden" name="revision" value={u.updatedAt} />
          <button type="submit">Enable the account</button>
        </form>
      ) : self ? (
        <p>You cannot disable your own account.</p>
      ) : (
        <DestructiveButton c={c} action={`${accountUrl(id)}/disable`} label="Disable the account…" fields={{ revision: u.updatedAt }} />
      )}
    </>,
    st,
    state,
  );
}

export function registerAccountEditor(app: App): void {
  guarded(app, "get", "/editor/accounts", "admin", (c) => listPage(c));
  guarded(app, "post", "/editor/accounts", "admin", async (c) => {
    const { values } = await formBody(c);
    return submit(c, {
      form: "account-new",
      values,
      run: async () => {
        const { user, password } = await createAccount(actorScope(c), acting(c), {
          username: values.username ?? "",
          displayName: opt(values, "displayName"),
          role: (values.role ?? "") as Role,
          personId: orNull(values, "personId"),
        });
        // Answered here, not redirected: the password must not travel in a cookie or a URL.
        return listPage(c, undefined, 200, { username: user.username, password });
      },
      rerender: (state, st) => listPage(c, state, st),
    });
  });
  guarded(app, "get", "/editor/accounts/:id", "admin", (c) => accountPage(c, param(c, "id")));
  guarded(app, "post", "/editor/accounts/:id", "admin", async (c) => {
    const id = param(c, "id");
    const { values } = await formBody(c);
    return submit(c, {
      form: "account",
      values,
      run: async () => {
        const u = await changeAccount(
          actorScope(c),
          acting(c),
          id,
          { displayName: values.displayName ?? "", role: (values.role ?? "") as Role, personId: orNull(values, "personId") },
          opt(values, "revision"),
        );
        return { to: accountUrl(id), message: `Account ${u.username} saved.` };
      },
      rerender: (state, st) => accountPage(c, id, state, st),
    });
  });
  guarded(app, "post", "/editor/accounts/:id/disable", "admin", async (c) => {
    const id = param(c, "id");
    const scope = actorScope(c);
    const u = await findUser(scope, id);
    if (!u) throw new MootError("not_found", "no such account");
    const { values } = await formBody(c);
    return submit(c, {
      form: "account-disable",
      values,
      run: async () => {
        if (!confirmed(values))
          return confirmPage(c, {
            title: `Disable ${u.username}?`,
            consequence: (
              <p>
                {u.displayName} ({u.username}) will be signed out everywhere and cannot sign in until an administrator enables the account
                again.
              </p>
            ),
            action: `${accountUrl(id)}/disable`,
            button: `Yes, disable ${u.username}`,
            back: accountUrl(id),
            fields: { revision: values.revision ?? "" },
          });
        await setAccountDisabled(scope, acting(c), id, true, opt(values, "revision"));
        return { to: accountUrl(id), message: `Account ${u.username} is disabled.` };
      },
      rerender: (state, st) => accountPage(c, id, state, st),
    });
  });
  guarded(app, "post", "/editor/accounts/:id/enable", "admin", async (c) => {
    const id = param(c, "id");
    const { values } = await formBody(c);
    return submit(c, {
      form: "account-enable",
      values,
      run: async () => {
        const u = await setAccountDisabled(actorScope(c), acting(c), id, false, opt(values, "revision"));
        return { to: accountUrl(id), message: `Account ${u.username} is enabled.` };
      },
      rerender: (state, st) => accountPage(c, id, state, st),
    });
  });
  guarded(app, "post", "/editor/accounts/:id/password", "admin", async (c) => {
    const id = param(c, "id");
    const scope = actorScope(c);
    const u = await findUser(scope, id);
    if (!u) throw new MootError("not_found", "no such account");
    const { values } = await formBody(c);
    return submit(c, {
      form: "account-password",
      values,
      run: async () => {
        if (!confirmed(values))
          return confirmPage(c, {
            title: `Issue a new password for ${u.username}?`,
            consequence: <p>Their current password stops working and they are signed out everywhere.</p>,
            action: `${accountUrl(id)}/password`,
            button: "Yes, issue a new password",
            back: accountUrl(id),
          });
        const { password } = await issuePassword(scope, acting(c), id);
        return accountPage(c, id, undefined, 200, password);
      },
      rerender: (state, st) => accountPage(c, id, state, st),
    });
  });
}
