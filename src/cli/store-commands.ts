import { readFile, writeFile } from "node:fs/promises";
import type { Command } from "commander";
import type { Store } from "../store/open.js";
import type { SearchFilters } from "../store/search.js";
import { MootError } from "../domain/errors.js";
import { parseAnyNice, parseDate, parsePort, parsePositive } from "./options.js";
import { untilStopped } from "./signals.js";

/** Opens the configured store, runs fn, and always closes it. */
export async function withStore<T>(fn: (store: Store) => Promise<T>, opts: { migrate?: boolean } = { migrate: true }): Promise<T> {
  // Modules load per command, so `moot --help` starts fast.
  const { configFromEnv, migrate, openStore } = await import("../store/open.js");
  const store = openStore(configFromEnv());
  try {
    if (opts.migrate !== false) await migrate(store);
    return await fn(store);
  } finally {
    await store.close();
  }
}

export function registerStoreCommands(program: Command): void {
  program
    .command("serve")
    .description("serve the public site (loads the demo council into an empty database unless --no-demo)")
    .option("-p, --port <n>", "port to listen on", parsePort, Number(process.env.PORT ?? 3000))
    .option("--host <address>", "address to bind", process.env.HOST ?? "127.0.0.1")
    .option("--no-demo", "leave an empty database empty")
    .action(async (opts: { port: number; host: string; demo: boolean }) => {
      const { configFromEnv, migrate, openStore } = await import("../store/open.js");
      const { listAuthorities } = await import("../store/authorities.js");
      const { loadDemo } = await import("../demo/demo-council.js");
      const store = openStore(configFromEnv());
      await migrate(store);
      if (opts.demo && (await listAuthorities(store)).length === 0) {
        console.log("Empty database: loading the Borsetshire demo council (moot serve --no-demo to skip)…");
        await loadDemo(store);
      }
      const { startServer } = await import("../web/server.js");
      const server = await startServer(store, { port: opts.port, hostname: opts.host });
      console.log(`Moot is serving ${store.describe} at ${server.url}`);
      const { startAlertsForServer } = await import("../jobs/alerts-job.js");
      const alerts = await startAlertsForServer(store, server.url);
      if (alerts) console.log("Email alerts are on (SMTP_URL).");
      await untilStopped();
      await alerts?.stop();
      await server.close();
      await store.close();
      process.exit(0);
    });

  program
    .command("keys")
    .description("answer nginx's version question for every council, beside the web processes (see moot proxy-config --keys)")
    .option("-p, --port <n>", "port to listen on", parsePort, 3100)
    .option("--host <address>", "address to bind", "127.0.0.1")
    // Every page nginx serves from its cache waits, once a second per council, for this answer:
    // on a machine whose cores are all busy, a key process ahead of the rest answers in
    // milliseconds where one at the same priority waited its turn (see bench/scale.ts).
    .option("--nice <n>", "CPU niceness, -20 to 19 (below 0 needs root or CAP_SYS_NICE; or Nice= in its systemd unit)", parseAnyNice)
    .action(async (opts: { port: number; host: string; nice?: number }) => {
      const { getPriority, setPriority } = await import("node:os");
      if (opts.nice !== undefined) {
        try {
          setPriority(opts.nice);
        } catch {
          throw new MootError("invalid", `--nice ${opts.nice}: not permitted (a priority above the default needs root or CAP_SYS_NICE)`);
        }
      }
      const { configFromEnv, migrate, openStore } = await import("../store/open.js");
      const store = openStore(configFromEnv());
      await migrate(store);
      const { startKeyServer } = await import("../web/http/key-server.js");
      const server = await startKeyServer(store, { port: opts.port, hostname: opts.host });
      console.log(`Moot is answering nginx's version question for ${store.describe} at ${server.url}, at niceness ${getPriority()}`);
      await untilStopped();
      await server.close();
      await store.close();
      process.exit(0);
    });

  program
    .command("proxy-config")
    .description("print nginx's configuration for the web processes (a file for /etc/nginx/conf.d)")
    .option("--web <host:port...>", "the web processes (moot serve), each as host:port", ["127.0.0.1:3001", "127.0.0.1:3002"])
    .option("--listen <port>", "nginx's listen address or port", "80")
    .option("--server-name <names...>", "host names served (default: any)", [])
    .option("--cache-dir <dir>", "a directory nginx's user may write, where public pages are kept", "/var/cache/nginx/moot")
    .option("--cache-size <size>", "the most disk kept pages may take", "1g")
    .option("--no-cache", "keep no pages in nginx (every page from the web processes)")
    .option("--keys <host:port...>", "moot keys processes that answer the version question (default: the web processes do)", [])
    .action(
      (opts: {
        web: string[];
        listen: string;
        serverName: string[];
        cacheDir: string;
        cacheSize: string;
        cache: boolean;
        keys: string[];
      }) =>
        import("../web/http/proxy-config.js").then(({ nginxConfig }) => {
          const hostPort = (w: string) => /^[\w.-]+:\d+$|^\[[\da-f:]+\]:\d+$/i.test(w);
          const bad = opts.web.find((w) => !hostPort(w));
          if (bad) throw new MootError("invalid", `--web ${bad}: expected host:port`);
          const badKey = opts.keys.find((w) => !hostPort(w));
          if (badKey) throw new MootError("invalid", `--keys ${badKey}: expected host:port`);
          if (!/^[\dkmg]+$/i.test(opts.cacheSize))
            throw new MootError("invalid", `--cache-size ${opts.cacheSize}: expected a size such as 1g or 512m`);
          process.stdout.write(
            nginxConfig({
              upstreams: opts.web,
              listen: opts.listen,
              serverNames: opts.serverName,
              cacheDir: opts.cache ? opts.cacheDir : null,
              cacheSize: opts.cacheSize,
              keyServers: opts.keys,
            }),
          );
        }),
    );

  program
    .command("migrate")
    .description("create or update the database schema")
    .action(() =>
      withStore(
        async (store) => {
          const { migrate } = await import("../store/open.js");
          const results = await migrate(store);
          const applied = results.filter((r) => r.status === "Success").map((r) => r.migrationName);
          console.log(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(", ")}` : `${store.describe} is up to date`);
        },
        { migrate: false },
      ),
    );

  program
    .command("demo")
    .description("load the made-up Borsetshire County Council")
    .option("--today <date>", "treat this date as today (YYYY-MM-DD)", parseDate)
    .action((opts: { today?: string }) =>
      withStore(async (store) => {
        const { loadDemo } = await import("../demo/demo-council.js");
        const r = await loadDemo(store, { today: opts.today });
        console.log(r.created ? "Loaded the Borsetshire demo council." : "The Borsetshire demo council is already loaded.");
      }),
    );

  program
    .command("search")
    .description("full-text search over papers, agenda items, minutes and decisions")
    .argument("<query>", "words to find; quotes make a phrase")
    .option("-a, --authority <slug>", "authority (when the database holds several)")
    .option("-c, --committee <slug>", "only this committee")
    .option("-k, --kind <kind>", "page, agenda-item, minute or decision")
    .option("--from <date>", "meetings on or after (YYYY-MM-DD)", parseDate)
    .option("--to <date>", "meetings on or before (YYYY-MM-DD)", parseDate)
    .option("-n, --limit <n>", "how many hits", parsePositive, 20)
    .option("--json", "print hits as JSON")
    .action(
      (
        query: string,
        opts: { authority?: string; committee?: string; kind?: string; from?: string; to?: string; limit: number; json?: boolean },
      ) =>
        withStore(async (store) => {
          const { requireAuthority } = await import("../store/authorities.js");
          const { search, snippetParts } = await import("../store/search.js");
          const authority = await requireAuthority(store, opts.authority);
          const filters: SearchFilters = { from: opts.from, to: opts.to, limit: Math.min(opts.limit, 100) };
          if (opts.kind) filters.kinds = [opts.kind as never];
          if (opts.committee) {
            const c = await store.db
              .selectFrom("committee")
              .select("id")
              .where("authorityId", "=", authority.id)
              .where("slug", "=", opts.committee)
              .executeTakeFirst();
            if (!c) throw new MootError("not_found", `no committee "${opts.committee}" in ${authority.name}`);
            filters.committeeIds = [c.id];
          }
          // The command line is an operator's tool, but it still shows only what the public may see.
          const hits = await search(store, authority.id, query, filters, { kind: "public" });
          // JSON as the API gives it: the snippet as text parts with the matches marked, no control characters.
          if (opts.json)
            return console.log(
              JSON.stringify(
                hits.map((h) => ({ ...h, snippet: snippetParts(h.snippet) })),
                null,
                2,
              ),
            );
          if (hits.length === 0) return console.log("No results.");
          const tty = process.stdout.isTTY;
          for (const h of hits) {
            const snippet = snippetParts(h.snippet)
              .map((p) => (p.mark ? (tty ? `\x1b[1m${p.text}\x1b[0m` : `[${p.text}]`) : p.text))
              .join("");
            console.log(
              `${h.kind.padEnd(11)} ${h.title}${h.pageNumber ? ` (page ${h.pageNumber})` : ""}\n            ${snippet.replace(/\s+/g, " ")}`,
            );
          }
        }),
    );

  program
    .command("export")
    .description("write a whole authority as JSON, restorable with `moot load`")
    .option("-f, --format <format>", "export format (json)", "json")
    .option("-a, --authority <slug>", "authority (when the database holds several)")
    .option("-o, --out <file>", "write to a file instead of standard output")
    .option("--no-files", "leave out the original files")
    .action((opts: { format: string; authority?: string; out?: string; files: boolean }) =>
      withStore(async (store) => {
        if (opts.format !== "json") throw new MootError("invalid", `unknown export format "${opts.format}" (supported: json)`);
        const { requireAuthority } = await import("../store/authorities.js");
        const { exportAuthority } = await import("../store/export.js");
        const authority = await requireAuthority(store, opts.authority);
        const text = JSON.stringify(await exportAuthority(store, authority.id, { files: opts.files }), null, 1);
        if (opts.out) {
          await writeFile(opts.out, text);
          console.error(`Wrote ${authority.name} to ${opts.out}`);
        } else process.stdout.write(`${text}\n`);
      }),
    );

  program
    .command("load")
    .description("restore an authority from `moot export` JSON into this database")
    .argument("<file>", "export file, or - for standard input")
    .action((file: string) =>
      withStore(async (store) => {
        const text = file === "-" ? await readStdin() : await readFile(file, "utf8");
        let data: unknown;
        try {
          data = JSON.parse(text);
        } catch (e) {
          throw new MootError("bad_input", `${file}: not JSON (${(e as Error).message})`);
        }
        const { loadAuthority } = await import("../store/export.js");
        const r = await loadAuthority(store, data);
        const total = Object.values(r.counts).reduce((a, b) => a + b, 0);
        console.log(`Loaded ${total} rows into ${store.describe}`);
      }),
    );
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
