import type { Context } from "hono";
import type { Child } from "hono/jsx";
import { getCookie, setCookie, deleteCookie } from "hono/cookie";
import { Layout } from "../views/layout.js";
import type { AppEnv } from "../context.js";
import { plainMessage } from "./plain-message.js";
import { cookieOptions, csrfToken, signedIn, CSRF_FIELD } from "../auth/session.js";

const FLASH = "moot_flash";

/** A submitted form that failed: re-rendered with what was typed and why it was refused. */
export interface FormState {
  form: string;
  values: Record<string, string>;
  error: string;
  field?: string;
  /** A stale save: the record as stored now, shown beside what was typed. */
  conflict?: Record<string, unknown>;
}

/** The form fields whose stored value differs from what was typed, for the conflict table. */
function differences(state: FormState): Array<{ field: string; stored: string; typed: string }> {
  const out: Array<{ field: string; stored: string; typed: string }> = [];
  for (const [field, typed] of Object.entries(state.values)) {
    if (field === "revision" || !state.conflict || !(field in state.conflict)) continue;
    const v = state.conflict[field];
    const stored = v === null || v === undefined ? "" : typeof v === "object" ? JSON.stringify(v) : String(v);
    if (stored.trim() !== typed.trim()) out.push({ field, stored, typed });
  }
  return out;
}

/** Field names as a clerk reads them: "localDate" → "local date". */
const words = (field: string) => field.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();

function ConflictTable(props: { state: FormState }) {
  const rows = differences(props.state);
  if (!rows.length) return null;
  return (
    <table class="conflict">
      <caption>What is saved now, and what you typed</caption>
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Saved now</th>
          <th scope="col">You typed</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr>
            <th scope="row">{words(r.field)}</th>
            <td>{r.stored || "(blank)"}</td>
            <td>{r.typed || "(blank)"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** POST/redirect/GET: the message shows once on the next page. */
export function redirectWith(c: Context<AppEnv>, to: string, message: string) {
  setCookie(c, FLASH, encodeURIComponent(message), { ...cookieOptions(c), maxAge: 60 });
  return c.redirect(to, 303);
}

function takeFlash(c: Context<AppEnv>): string | undefined {
  const v = getCookie(c, FLASH);
  if (!v) return undefined;
  deleteCookie(c, FLASH, { path: "/" });
  try {
    return decodeURIComponent(v);
  } catch {
    return undefined;
  }
}

export type EditorStatus = 200 | 400 | 403 | 404 | 409 | 413 | 422 | 423 | 429 | 504;

/** An editor page: the shared Layout, the editor's own menu, never cached by anyone. */
export async function editorPage(c: Context<AppEnv>, title: string, body: Child, status: EditorStatus = 200, state?: FormState) {
  const who = signedIn(c);
  const flash = takeFlash(c);
  const token = csrfToken(c);
  const staff = who && who.user.role !== "member";
  const el = (
    <Layout
      title={title}
      site={c.get("authority")?.name ?? "Moot"}
      wordmark={c.get("authority")?.logoText ?? undefined}
      crumbs={[{ href: "/editor", label: "Editor" }]}
    >
      {who && (
        <nav class="editor-nav noprint" aria-label="Editor">
          <ul class="plain">
            <li>
              Signed in as <strong>{who.user.displayName}</strong> ({who.user.role}).{" "}
              <form method="post" action="/sign-out" class="inline">
                <input type="hidden" name={CSRF_FIELD} value={token} />
                <button type="submit">Sign out</button>
              </form>
            </li>
            <li>
              <a href="/editor">Editor home</a>
              {staff && (
                <>
                  {" · "}
                  <a href="/editor/meetings/new">New meeting</a> · <a href="/editor/actions">Actions</a> ·{" "}
                  <a href="/editor/matters">Matters</a> · <a href="/editor/committees">Committees</a> · <a href="/editor/people">People</a>{" "}
                  · <a href="/editor/interests">Registers of interests</a>
                </>
              )}
              {who.user.role === "admin" && (
                <>
                  {" · "}
                  <a href="/editor/accounts">Accounts</a>
                </>
              )}
              {who.user.personId && (
                <>
                  {" · "}
                  <a href={`/editor/people/${who.user.personId}/interests`}>My register of interests</a>
                </>
              )}
            </li>
          </ul>
        </nav>
      )}
      {flash && (
        <div class="notice" role="status">
          <p>{flash}</p>
        </div>
      )}
      {state && (
        <div class="exempt" role="alert" id="error-summary">
          <h2>There is a problem</h2>
          <p>
            {state.field ? (
              <a href={`#${state.form}-${state.field}`}>{plainMessage(state.error, Object.keys(state.values))}</a>
            ) : (
              plainMessage(state.error, Object.keys(state.values))
            )}
          </p>
          {state.conflict && <ConflictTable state={state} />}
        </div>
      )}
      <h1>{title}</h1>
      {body}
    </Layout>
  );
  return c.html(`<!doctype html>${await el.toString()}`, status, { "Cache-Control": "private, no-store" });
}

/**
 * Values and errors for one form on a page: what was typed when this form failed,
 * the record's values otherwise.
 */
export class FormKit {
  constructor(
    readonly c: Context<AppEnv>,
    readonly name: string,
    readonly defaults: Record<string, string | number | boolean | null | undefined>,
    readonly state?: FormState,
  ) {}
  get failed(): boolean {
    return this.state?.form === this.name;
  }
  value(field: string): string {
    if (this.failed) return this.state!.values[field] ?? "";
    const v = this.defaults[field];
    return v === null || v === undefined || v === false ? "" : v === true ? "on" : String(v);
  }
  error(field: string): string | undefined {
    return this.failed && this.state!.field === field ? this.state!.error : undefined;
  }
  id(field: string): string {
    return `${this.name}-${field}`;
  }
  csrf() {
    return <input type="hidden" name={CSRF_FIELD} value={csrfToken(this.c)} />;
  }
  /**
   * The revision the form was loaded from, posted back so a save made from a stale page is
   * refused. After a conflict it carries the stored revision: saving again is a choice made
   * having seen the other version.
   */
  revision(record: { revision: number }) {
    return (
      <input
        type="hidden"
        name="revision"
        value={this.failed && this.state!.values.revision ? this.state!.values.revision : String(record.revision)}
      />
    );
  }
}

/** The error line a field shows, linked from the error summary by its id. */
function FieldError(props: { kit: FormKit; name: string }) {
  const err = props.kit.error(props.name);
  return err ? (
    <p class="error" id={`${props.kit.id(props.name)}-error`}>
      <strong>Error:</strong> {plainMessage(err)}
    </p>
  ) : null;
}

export function Field(props: { kit: FormKit; name: string; label: string; type?: string; hint?: string; required?: boolean }) {
  const { kit, name } = props;
  const err = kit.error(name);
  return (
    <div class="field">
      <label for={kit.id(name)}>{props.label}</label>
      {props.hint && <p class="meta">{props.hint}</p>}
      <FieldError kit={kit} name={name} />
      <input
        id={kit.id(name)}
        name={name}
        type={props.type ?? "text"}
        value={kit.value(name)}
        required={props.required}
        aria-invalid={err ? "true" : undefined}
        aria-describedby={err ? `${kit.id(name)}-error` : undefined}
      />
    </div>
  );
}

export function TextArea(props: { kit: FormKit; name: string; label: string; rows?: number }) {
  const { kit, name } = props;
  const err = kit.error(name);
  return (
    <div class="field">
      <label for={kit.id(name)}>{props.label}</label>
      <FieldError kit={kit} name={name} />
      <textarea id={kit.id(name)} name={name} rows={props.rows ?? 4} cols={60} aria-invalid={err ? "true" : undefined}>
        {kit.value(name)}
      </textarea>
    </div>
  );
}

export function Select(props: { kit: FormKit; name: string; label: string; options: Array<[string, string]> }) {
  const { kit, name } = props;
  const err = kit.error(name);
  const current = kit.value(name);
  return (
    <div class="field">
      <label for={kit.id(name)}>{props.label}</label>
      <FieldError kit={kit} name={name} />
      <select id={kit.id(name)} name={name} aria-invalid={err ? "true" : undefined}>
        {props.options.map(([v, label]) => (
          <option value={v} selected={v === current}>
            {label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function Check(props: { kit: FormKit; name: string; label: string }) {
  const { kit, name } = props;
  return (
    <div class="field check">
      <input id={kit.id(name)} name={name} type="checkbox" checked={kit.value(name) !== ""} />{" "}
      <label for={kit.id(name)}>{props.label}</label>
    </div>
  );
}

/**
 * The confirmation a destructive or irreversible action needs: a box to tick, checked by the
 * server (the browser's `required` is a courtesy), so it works without JavaScript.
 */
export function Confirm(props: { kit: FormKit; label: string }) {
  const { kit } = props;
  const err = kit.error("confirm");
  return (
    <div class="field check confirm">
      <FieldError kit={kit} name="confirm" />
      <input
        id={kit.id("confirm")}
        name="confirm"
        type="checkbox"
        required
        aria-invalid={err ? "true" : undefined}
        aria-describedby={err ? `${kit.id("confirm")}-error` : undefined}
      />{" "}
      <label for={kit.id("confirm")}>{props.label}</label>
    </div>
  );
}

/**
 * Buttons by what they do: `danger` removes or cancels something, `irreversible` makes
 * something public or final; neither is the green of an ordinary save.
 */
export function ActionButton(props: { kind: "danger" | "irreversible"; children: Child }) {
  return (
    <button type="submit" class={props.kind}>
      {props.children}
    </button>
  );
}

export type MeetingSection = "details" | "agenda" | "attendance" | "minutes" | "actions";
export const SECTIONS: Array<[MeetingSection, string]> = [
  ["details", "Details and status"],
  ["agenda", "Agenda and publication"],
  ["attendance", "Attendance and declarations"],
  ["minutes", "Minutes"],
  ["actions", "Actions"],
];

export const sectionUrl = (meetingId: string, section: MeetingSection) =>
  section === "details" ? `/editor/meetings/${meetingId}` : `/editor/meetings/${meetingId}/${section}`;

/** The steps of a meeting a clerk works through, one page each; the current one is marked. */
export function MeetingNav(props: { meetingId: string; current?: MeetingSection }) {
  return (
    <nav class="sections noprint" aria-label="Meeting sections">
      <ol>
        {SECTIONS.map(([key, label]) => (
          <li>
            <a href={sectionUrl(props.meetingId, key)} aria-current={props.current === key ? "page" : undefined}>
              {label}
            </a>
          </li>
        ))}
      </ol>
    </nav>
  );
}
