import type { Context } from "hono";
import { getConnInfo } from "@hono/node-server/conninfo";
import { setCookie, deleteCookie } from "hono/cookie";
import { SESSION_HOURS, signIn, signOut } from "../../workflow/accounts.js";
import type { App, AppEnv } from "../context.js";
import { Scope } from "../../store/records.js";
import { editorPage, Field, FormKit, redirectWith, type FormState } from "../editor/shell.js";
import { formBody, submit } from "../editor/submit.js";
import { cookieOptions, SESSION_COOKIE, signedIn } from "./session.js";

/**
 * Only same-site paths: `next` must never send a signed-in user somewhere else. Browsers drop
 * tabs and newlines from URLs and read `\` as `/`, so `/\t/evil.example` and `/\\evil` are
 * other sites: a path with any control character, space or backslash, or one that starts `//`,
 * is refused, and what is left must resolve to this origin.
 */
export function safeNext(next: string | undefined): string {
  const fallback = "/editor";
  if (!next || !next.startsWith("/") || next.startsWith("//")) return fallback;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  if (/[\u0000-\u0020\u007f\\]/.test(next)) return fallback;
  try {
    const base = "https://moot.invalid";
    const url = new URL(next, base);
    return url.origin === base ? `${url.pathname}${url.search}${url.hash}` : fallback;
  } catch {
    return fallback;
  }
}

function clientIp(c: Context<AppEnv>): string {
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    return "unknown"; // app.request() in tests has no socket
  }
}

async function signInPage(c: Context<AppEnv>, state?: FormState, status: 200 | 400 | 429 = 200) {
  const kit = new FormKit(c, "sign-in", { next: c.req.query("next") ?? "" }, state);
  return editorPage(
    c,
    "Sign in",
    <form method="post" action="/sign-in">
      {kit.csrf()}
      <input type="hidden" name="next" value={kit.value("next")} />
      <Field kit={kit} name="username" label="Username" required />
      <div class="field">
        <label for="sign-in-password">Password</label>
        <input id="sign-in-password" name="password" type="password" autocomplete="current-password" required />
      </div>
      <button type="submit">Sign in</button>
    </form>,
    status,
    state,
  );
}

export function registerSignIn(app: App) {
  app.get("/sign-in", (c) => (signedIn(c) ? c.redirect(safeNext(c.req.query("next")), 303) : signInPage(c)));

  app.post("/sign-in", async (c) => {
    const { values } = await formBody(c);
    const scope = new Scope(c.get("store"), c.get("authority").id, "web");
    // The password is never echoed back into the re-rendered form.
    const { password = "", ...kept } = values;
    return submit(c, {
      form: "sign-in",
      values: kept,
      run: async () => {
        const r = await signIn(scope, { username: values.username ?? "", password, ip: clientIp(c) });
        setCookie(c, SESSION_COOKIE, r.token, cookieOptions(c, SESSION_HOURS * 3600));
        return { to: safeNext(values.next), message: `Signed in as ${r.user.displayName}.` };
      },
      rerender: (state, status) => signInPage(c, state, status === 429 ? 429 : 400),
    });
  });

  app.post("/sign-out", async (c) => {
    const who = signedIn(c);
    if (who) await signOut(new Scope(c.get("store"), c.get("authority").id, "web"), who.token);
    deleteCookie(c, SESSION_COOKIE, { path: "/" });
    return redirectWith(c, "/sign-in", "You have signed out.");
  });
}
