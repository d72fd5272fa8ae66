import type { Command } from "commander";
import { displayName } from "../domain/authority-name.js";
import { slugify } from "../domain/slug.js";
import type { Authority, AuthorityPatch } from "../domain/authority.js";
import { withStore } from "./store-commands.js";
import { readSecret } from "./cycle-commands.js";

// The store's modules load when a command runs, not for every `moot …`.
const authorities = () => import("../store/authorities.js");

const list = (v: string, prev: string[] = []) => [
  ...prev,
  ...v
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean),
];

interface AuthorityOptions {
  shortName?: string;
  slug?: string;
  host?: string[];
  alias?: string[];
  logoText?: string;
  website?: string;
}

const describe = (a: Authority) =>
  [
    `${a.slug}\t${a.name}`,
    a.shortName ? `short name: ${a.shortName}` : null,
    a.hosts.length ? `hosts: ${a.hosts.join(", ")}` : null,
    a.aliases.length ? `aliases: ${a.aliases.join("; ")}` : null,
    a.logoText ? `logo: ${a.logoText}` : null,
  ]
    .filter(Boolean)
    .join("\t");

/** `moot authority add|list|rename`: the councils one deployment serves (a platform administrator's commands). */
export function registerAuthorityCommands(program: Command): void {
  const authority = program.command("authority").description("the councils this deployment serves");
  const withFields = (c: Command) =>
    c
      .option("--short-name <name>", 'how it is written briefly, e.g. "Kent CC"')
      .option("--host <name>", "a host name that serves it alone at / (repeat or comma-separate)", list)
      .option("--alias <name>", "another spelling packs print for it (repeat)", (v: string, p: string[] = []) => [...p, v])
      .option("--logo-text <text>", "the header's wordmark text")
      .option("--website <url>", "the council's own website");

  withFields(
    authority
      .command("add")
      .description("add a council; packs naming it (in any spelling given) are imported into it")
      .argument("<name>", 'its full name, e.g. "Kent County Council"')
      .option("--slug <slug>", "its path on a shared host (default: from the name)"),
  ).action((name: string, opts: AuthorityOptions) =>
    withStore(async (store) => {
      const { createAuthority } = await authorities();
      const full = displayName(name);
      const a = await createAuthority(store, {
        name: full,
        slug: opts.slug ?? slugify(full),
        shortName: opts.shortName ?? null,
        hosts: opts.host ?? [],
        aliases: opts.alias ?? [],
        logoText: opts.logoText ?? null,
        website: opts.website ?? null,
      });
      console.log(`Added ${a.name} (${a.slug})`);
    }),
  );

  authority
    .command("list")
    .description("every council stored, with its slug, host names and aliases")
    .option("--json", "print as JSON")
    .action((opts: { json?: boolean }) =>
      withStore(async (store) => {
        const { listAuthorities } = await authorities();
        const all = await listAuthorities(store);
        if (opts.json) return console.log(JSON.stringify(all, null, 2));
        if (!all.length) return console.log("No authorities yet: `moot authority add NAME`, `moot import` or `moot demo`.");
        for (const a of all) console.log(describe(a));
      }),
    );

  withFields(
    authority
      .command("rename")
      .description("change a council's name, slug, short name, host names or aliases (lists given replace the old ones)")
      .argument("<slug>", "the council's current slug")
      .option("--name <name>", "its new full name")
      .option("--slug <slug>", "its new slug (its path on a shared host)"),
  ).action((slug: string, opts: AuthorityOptions & { name?: string }) =>
    withStore(async (store) => {
      const { requireAuthority, updateAuthority } = await authorities();
      const a = await requireAuthority(store, slug);
      const patch: AuthorityPatch = {
        name: opts.name === undefined ? undefined : displayName(opts.name),
        slug: opts.slug,
        shortName: opts.shortName,
        hosts: opts.host,
        aliases: opts.alias,
        logoText: opts.logoText,
        website: opts.website,
      };
      const after = await updateAuthority(store, a.id, patch, "cli");
      console.log(`Updated ${describe(after)}`);
    }),
  );

  const admins = program.command("platform-admin").description("accounts that manage the authorities at /platform");
  admins
    .command("add")
    .description("create a platform administrator; prints a generated password unless --password-stdin")
    .argument("<username>")
    .option("--name <display name>")
    .option("--password-stdin", "read the password from standard input")
    .action((username: string, opts: { name?: string; passwordStdin?: boolean }) =>
      withStore(async (store) => {
        const { addPlatformAdmin } = await import("../workflow/platform.js");
        const password = opts.passwordStdin ? await readSecret() : undefined;
        const r = await addPlatformAdmin(store, { username, displayName: opts.name, password });
        console.log(`Created platform administrator "${r.admin.username}".${password ? "" : ` Password: ${r.password}`}`);
      }),
    );
  admins
    .command("reset")
    .description("set a new password (generated unless --password-stdin) and end their sessions")
    .argument("<username>")
    .option("--password-stdin", "read the password from standard input")
    .action((username: string, opts: { passwordStdin?: boolean }) =>
      withStore(async (store) => {
        const { resetPlatformPassword } = await import("../workflow/platform.js");
        const given = opts.passwordStdin ? await readSecret() : undefined;
        const password = await resetPlatformPassword(store, username, given);
        console.log(`Reset the password of platform administrator "${username}".${given ? "" : ` Password: ${password}`}`);
      }),
    );
}
