import { existsSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import type { Command } from "commander";
import type { Scope } from "../store/records.js";
import type { Store } from "../store/open.js";
import { MootError } from "../domain/errors.js";
import { withStore } from "./store-commands.js";

async function scopeFor(store: Store, slug: string | undefined, actor: string): Promise<Scope> {
  // Modules load per command, so `moot --help` starts fast.
  const { requireAuthority } = await import("../store/authorities.js");
  const { Scope } = await import("../store/records.js");
  const authority = await requireAuthority(store, slug);
  return new Scope(store, authority.id, actor);
}

/** A meeting by id, or by "committee-slug/YYYY-MM-DD" as a clerk would name it. */
async function findMeeting(scope: Scope, ref: string): Promise<string> {
  const m = /^([a-z0-9-]+)\/(\d{4}-\d{2}-\d{2})$/.exec(ref);
  if (!m) return (await scope.require("meeting", ref)).id;
  const [committee] = await scope.list("committee", { slug: m[1] });
  if (!committee) throw new MootError("not_found", `no committee "${m[1]}"`);
  const meetings = await scope.list("meeting", { committeeId: committee.id, localDate: m[2] });
  if (meetings.length === 0) throw new MootError("not_found", `${committee.name} has no meeting on ${m[2]}`);
  if (meetings.length > 1)
    throw new MootError("invalid", `${committee.name} has ${meetings.length} meetings on ${m[2]}; give the meeting id`);
  return meetings[0].id;
}

/** A password from standard input (one line), so it never appears in a process list. */
export async function readSecret(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks)
    .toString("utf8")
    .replace(/\r?\n$/, "");
}

export function registerCycleCommands(program: Command): void {
  const user = program.command("user").description("manage sign-in accounts");
  user
    .command("add")
    .description("create an account; prints a generated password unless --password-stdin")
    .argument("<username>")
    .requiredOption("-r, --role <role>", "admin, clerk or member")
    .option("--person <slug>", "the person a member account belongs to")
    .option("--name <display name>")
    .option("--password-stdin", "read the password from standard input")
    .option("-a, --authority <slug>")
    .action((username: string, opts: { role: string; person?: string; name?: string; passwordStdin?: boolean; authority?: string }) =>
      withStore(async (store) => {
        const scope = await scopeFor(store, opts.authority, "cli");
        let personId: string | null = null;
        if (opts.person) {
          const [p] = await scope.list("person", { slug: opts.person });
          if (!p) throw new MootError("not_found", `no person "${opts.person}"`);
          personId = p.id;
        }
        const password = opts.passwordStdin ? await readSecret() : undefined;
        const { addUser } = await import("../workflow/accounts.js");
        const r = await addUser(scope, { username, role: opts.role as never, personId, displayName: opts.name, password });
        console.log(`Created ${r.user.role} account "${r.user.username}".${password ? "" : ` Password: ${r.password}`}`);
      }),
    );
  user
    .command("reset")
    .description("set a new password (generated unless --password-stdin) and end the user's sessions")
    .argument("<username>")
    .option("--password-stdin", "read the password from standard input")
    .option("-a, --authority <slug>")
    .action((username: string, opts: { passwordStdin?: boolean; authority?: string }) =>
      withStore(async (store) => {
        const scope = await scopeFor(store, opts.authority, "cli");
        const password = opts.passwordStdin ? await readSecret() : undefined;
        const { resetPassword } = await import("../workflow/accounts.js");
        const r = await resetPassword(scope, username, password);
        console.log(`Reset the password of "${r.user.username}".${password ? "" : ` Password: ${r.password}`}`);
      }),
    );

  program
    .command("pack")
    .description("build a meeting's agenda pack as PDF (or HTML)")
    .argument("<meeting>", "meeting id, or committee-slug/YYYY-MM-DD")
    .option("--audience <who>", "public (exempt papers restricted) or members", "public")
    .option("--html", "write the HTML version instead of PDF")
    .option("-o, --out <file>", "output file (required unless --queue); an existing file is kept unless --force")
    .option("--force", "overwrite the --out file if it exists")
    .option("--queue", "queue the build for `moot worker` (PostgreSQL) and keep it as the meeting's pack document")
    .option("-a, --authority <slug>")
    .action((ref: string, opts: { audience: string; html?: boolean; out?: string; force?: boolean; authority?: string; queue?: boolean }) =>
      withStore(async (store) => {
        if (opts.audience !== "public" && opts.audience !== "members")
          throw new MootError("invalid", `--audience must be public or members (got "${opts.audience}")`);
        const scope = await scopeFor(store, opts.authority, "cli");
        const meetingId = await findMeeting(scope, ref);
        const meeting = await scope.require("meeting", meetingId);
        const committee = await scope.require("committee", meeting.committeeId);
        const audience = opts.audience as "public" | "members";
        if (opts.queue) {
          const { databaseUrlOf, openQueue, queuePack } = await import("../jobs/queue.js");
          const boss = await openQueue(databaseUrlOf(store));
          try {
            const id = await queuePack(boss, { authorityId: scope.authorityId, meetingId, audience });
            return console.log(
              id ? `Queued the ${audience} pack for ${committee.name}, ${meeting.localDate} (job ${id})` : "That pack is already queued.",
            );
          } finally {
            await boss.stop({ graceful: false, wait: true });
          }
        }
        const packOpts = { audience, viewer: audience === "members" ? ({ kind: "clerk" } as const) : undefined };
        // Never a file dropped into whatever directory the command ran in, nor one overwritten unasked.
        const out = opts.out;
        if (!out)
          throw new MootError(
            "invalid",
            `--out: say where to write the pack, e.g. --out ${committee.slug}-${meeting.localDate}-${audience}.${opts.html ? "html" : "pdf"}`,
          );
        if (!opts.force && existsSync(out)) throw new MootError("conflict", `${out} already exists; add --force to overwrite it`);
        const data = opts.html
          ? await (await import("../workflow/pack-html.js")).buildPackHtml(scope, meetingId, packOpts)
          : await (await import("../workflow/pack.js")).buildPack(scope, meetingId, packOpts);
        await writeFile(out, data);
        console.log(`Wrote the ${audience} pack for ${committee.name}, ${meeting.localDate}, to ${out}`);
      }),
    );
}
