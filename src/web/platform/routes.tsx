import { type Context, Hono } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { Child } from "hono/jsx";
import { timingSafeEqual } from "node:crypto";
import type { Authority } from "../../domain/authority.js";
import { MootError } from "../../domain/errors.js";
import type { Store } from "../../store/open.js";
import { authorityAudit, createAuthority, getAuthority, listAuthorities, updateAuthority } from "../../store/authorities.js";
import {
  platformAdminForSession,
  platformFormToken,
  signInPlatform,
  signOutPlatform,
  type PlatformAdmin,
} from "../../workflow/platform.js";
import { SESSION_HOURS } from "../../workflow/accounts.js";
import { securityHeaders } from "../http/security.js";
import { isHttps } from "../auth/session.js";
import { SITE_CSS_PATH } from "../views/styles.js";

export const PLATFORM_PATH = "/platform";
const COOKIE = "moot_platform";

type Env = { Variables: { admin: PlatformAdmin | undefined; token: string | undefined } };

/**
 * The deployment's own administration, at `/platform` on every host and outside every
 * council's site: platform administrators (their own accounts, `moot platform-admin add`)
 * add authorities and change their names, slugs, host names and logo text, each change in
 * that authority's audit trail under `platform:<username>`. Nothing here reads or writes a
 * council's records, and a platform session opens no council's editor: that needs the
 * council's own account. The cookie is for `/platform` only and SameSite=Strict; every form
 * carries a token derived from the httpOnly session token, and a POST from another origin
 * is refused.
 */
export function createPlatformApp(store: Store, opts: { onChange: () => void }) {
  const app = new Hono<Env>();
  app.use("*", securityHeaders());
  app.onError((e, c) => {
    if (e instanceof MootError) {
      const status = e.code === "not_found" ? 404 : e.code === "rate_limited" ? 429 : e.code === "forbidden" ? 403 : 400;
      return shell(c, "Not done", <p class="error">{e.message}</p>, status);
    }
    throw e;
  });
  app.use("*", async (c, next) => {
    const token = getCookie(c, COOKIE);
    const admin = token ? await platformAdminForSession(store, token) : undefined;
    if (token && !admin) deleteCookie(c, COOKIE, { path: PLATFORM_PATH });
    c.set("admin", admin);
    c.set("token", admin ? token : undefined);
    if (c.req.method === "POST") {
      const origin = c.req.header("origin");
      if (origin && new URL(origin).host !== (c.req.header("host") ?? new URL(c.req.url).host))
        return shell(c, "Refused", <p class="error">This form was sent from another site.</p>, 403);
      if (c.req.path !== `${PLATFORM_PATH}/sign-in`) {
        const form = await c.req.parseBody();
        const sent = typeof form._csrf === "string" ? form._csrf : "";
        if (!admin || !token || !sameToken(sent, platformFormToken(token)))
          return shell(c, "Refused", <p class="error">Sign in as a platform administrator and send the form again.</p>, 403);
      }
    }
    c.header("Cache-Control", "private, no-store");
    await next();
  });

  app.get(PLATFORM_PATH, async (c) => {
    const admin = c.get("admin");
    if (!admin) return signInPage(c);
    const all = await listAuthorities(store);
    return shell(
      c,
      "Authorities",
      <>
        <p>
          Signed in as {admin.displayName}.{" "}
          <form method="post" action={`${PLATFORM_PATH}/sign-out`} class="inline">
            <input type="hidden" name="_csrf" value={platformFormToken(c.get("token")!)} />
            <button type="submit">Sign out</button>
          </form>
        </p>
        <table>
          <thead>
            <tr>
              <th>Name</th>
              <th>Slug</th>
              <th>Host names</th>
              <th>Logo text</th>
            </tr>
          </thead>
          <tbody>
            {all.map((a) => (
              <tr>
                <td>
                  <a href={`${PLATFORM_PATH}/authorities/${a.id}`}>{a.name}</a>
                </td>
                <td>{a.slug}</td>
                <td>{a.hosts.join(", ")}</td>
                <td>{a.logoText ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <h2>Add an authority</h2>
        {authorityForm(c, `${PLATFORM_PATH}/authorities`, undefined, "Add authority")}
      </>,
    );
  });

  app.post(`${PLATFORM_PATH}/sign-in`, async (c) => {
    const form = await c.req.parseBody();
    try {
      const r = await signInPlatform(store, String(form.username ?? ""), String(form.password ?? ""));
      setCookie(c, COOKIE, r.token, {
        path: PLATFORM_PATH,
        httpOnly: true,
        sameSite: "Strict",
        secure: isHttps(c),
        maxAge: SESSION_HOURS * 3600,
      });
      return c.redirect(PLATFORM_PATH, 303);
    } catch (e) {
      if (e instanceof MootError && (e.code === "unauthenticated" || e.code === "rate_limited"))
        return signInPage(c, e.message, e.code === "rate_limited" ? 429 : 400);
      throw e;
    }
  });

  app.post(`${PLATFORM_PATH}/sign-out`, async (c) => {
    await signOutPlatform(store, c.get("token")!);
    deleteCookie(c, COOKIE, { path: PLATFORM_PATH });
    return c.redirect(PLATFORM_PATH, 303);
  });

  app.post(`${PLATFORM_PATH}/authorities`, async (c) => {
    const fields = authorityFields(await c.req.parseBody());
    try {
      const a = await createAuthority(
        store,
        { ...fields, name: fields.name ?? "", slug: fields.slug ?? "", timezone: "Europe/London", website: null },
        store.db,
        actor(c),
      );
      opts.onChange();
      return c.redirect(`${PLATFORM_PATH}/authorities/${a.id}`, 303);
    } catch (e) {
      if (e instanceof MootError && (e.code === "invalid" || e.code === "conflict"))
        return shell(c, "Authority not added", <p class="error">{e.message}</p>, 400);
      throw e;
    }
  });

  app.get(`${PLATFORM_PATH}/authorities/:id`, async (c) => {
    if (!c.get("admin")) return c.redirect(PLATFORM_PATH, 303);
    const a = await getAuthority(store.db, c.req.param("id"));
    if (!a) throw new MootError("not_found", "There is no such authority.");
    const audit = await authorityAudit(store, a.id);
    return shell(
      c,
      a.name,
      <>
        {authorityForm(c, `${PLATFORM_PATH}/authorities/${a.id}`, a, "Save changes")}
        <h2>Changes</h2>
        <ul class="plain">
          {audit.map((r) => (
            <li>
              {r.at} {r.actor}: {r.operation}
              {r.after ? ` ${r.after}` : ""}
            </li>
          ))}
        </ul>
      </>,
    );
  });

  app.post(`${PLATFORM_PATH}/authorities/:id`, async (c) => {
    const id = c.req.param("id");
    try {
      await updateAuthority(store, id, authorityFields(await c.req.parseBody()), actor(c));
    } catch (e) {
      if (e instanceof MootError && (e.code === "invalid" || e.code === "conflict"))
        return shell(c, "Not saved", <p class="error">{e.message}</p>, 400);
      throw e;
    }
    opts.onChange();
    return c.redirect(`${PLATFORM_PATH}/authorities/${id}`, 303);
  });

  app.get(`${PLATFORM_PATH}/*`, (c) => c.redirect(PLATFORM_PATH, 303));
  return app;
}

const actor = (c: Context<Env>) => `platform:${c.get("admin")!.username}`;

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The form's text fields as an authority patch: blank optional fields become null, lists split. */
function authorityFields(form: Record<string, unknown>) {
  const text = (k: string) => (typeof form[k] === "string" ? (form[k] as string).trim() : undefined);
  const optional = (k: string) => {
    const v = text(k);
    return v === undefined ? undefined : v || null;
  };
  const list = (k: string) => {
    const v = text(k);
    return v === undefined ? undefined : v.split(/[\s,]+/).filter(Boolean);
  };
  const lines = (k: string) => {
    const v = text(k);
    return v === undefined
      ? undefined
      : v
          .split(/\n/)
          .map((s) => s.trim())
          .filter(Boolean);
  };
  return {
    name: text("name"),
    slug: text("slug"),
    shortName: optional("shortName"),
    logoText: optional("logoText"),
    hosts: list("hosts"),
    aliases: lines("aliases"),
  };
}

function authorityForm(c: Context<Env>, action: string, a: Authority | undefined, submit: string) {
  return (
    <form method="post" action={action}>
      <input type="hidden" name="_csrf" value={platformFormToken(c.get("token")!)} />
      <p>
        <label for="name">Name</label>
        <input id="name" name="name" required value={a?.name ?? ""} />
      </p>
      <p>
        <label for="shortName">Short name</label>
        <input id="shortName" name="shortName" value={a?.shortName ?? ""} />
      </p>
      <p>
        <label for="slug">Slug (its path on a shared host)</label>
        <input id="slug" name="slug" required value={a?.slug ?? ""} />
      </p>
      <p>
        <label for="hosts">Host names (space or comma separated)</label>
        <input id="hosts" name="hosts" value={a?.hosts.join(" ") ?? ""} />
      </p>
      <p>
        <label for="logoText">Logo text (the header's wordmark)</label>
        <input id="logoText" name="logoText" value={a?.logoText ?? ""} />
      </p>
      <p>
        <label for="aliases">Other names packs print (one a line)</label>
        <textarea id="aliases" name="aliases">
          {a?.aliases.join("\n") ?? ""}
        </textarea>
      </p>
      <button type="submit">{submit}</button>
    </form>
  );
}

function signInPage(c: Context<Env>, error?: string, status: 200 | 400 | 429 = 200) {
  return shell(
    c,
    "Platform sign in",
    <form method="post" action={`${PLATFORM_PATH}/sign-in`}>
      {error && <p class="error">{error}</p>}
      <p>
        <label for="username">Username</label>
        <input id="username" name="username" autocomplete="username" required />
      </p>
      <p>
        <label for="password">Password</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required />
      </p>
      <button type="submit">Sign in</button>
    </form>,
    status,
  );
}

async function shell(c: Context<Env>, title: string, body: Child, status: 200 | 400 | 403 | 404 | 429 = 200) {
  const el = (
    <html lang="en-GB">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} – platform administration`}</title>
        <link rel="stylesheet" href={SITE_CSS_PATH} />
      </head>
      <body>
        <header class="site">
          <a class="name" href={PLATFORM_PATH}>
            Platform administration
          </a>
        </header>
        <main id="main">
          <h1>{title}</h1>
          {body}
        </main>
      </body>
    </html>
  );
  return c.html(`<!doctype html>${await el.toString()}`, status, { "Cache-Control": "private, no-store" });
}
