import type { Context } from "hono";
import type { Child } from "hono/jsx";
import type { AppEnv } from "../context.js";
import { CSRF_FIELD, csrfToken } from "../auth/session.js";
import { editorPage } from "./shell.js";
import type { FormBody } from "./submit.js";

/**
 * The confirmation step before a destructive change (delete, retire, disable): the first post
 * shows what will happen and asks again; only a post carrying `confirm=yes` acts. It works
 * without JavaScript, and a stray or replayed first post changes nothing.
 */
export const confirmed = (values: FormBody): boolean => values.confirm === "yes";

export function DestructiveButton(props: { c: Context<AppEnv>; action: string; label: string; fields?: Record<string, string> }) {
  return (
    <form method="post" action={props.action} class="confirm-step">
      <input type="hidden" name={CSRF_FIELD} value={csrfToken(props.c)} />
      {Object.entries(props.fields ?? {}).map(([k, v]) => (
        <input type="hidden" name={k} value={v} />
      ))}
      <button type="submit" class="danger">
        {props.label}
      </button>
    </form>
  );
}

export function confirmPage(
  c: Context<AppEnv>,
  opts: { title: string; consequence: Child; action: string; button: string; back: string; fields?: Record<string, string> },
) {
  return editorPage(
    c,
    opts.title,
    <>
      <div class="exempt" role="alert">
        {opts.consequence}
      </div>
      <DestructiveButton c={c} action={opts.action} label={opts.button} fields={{ ...opts.fields, confirm: "yes" }} />
      <p>
        <a href={opts.back}>No, go back without changing anything</a>
      </p>
    </>,
  );
}
