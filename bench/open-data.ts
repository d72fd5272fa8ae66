/**
 * Open-data benchmark: how long the public snapshot (OParl, Popolo) and the bulk archive take
 * to build for the demo council, and what a request costs when nothing has changed (a cache
 * hit: the snapshot is keyed by the data version, so it is rebuilt only after a write).
 * Reported as figures and as ratios to one public meeting page read, on the same machine in
 * the same run, so a loaded machine moves both.
 *
 *   npm run bench:open-data
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadDemo } from "../src/demo/demo-council.js";
import { PUBLIC } from "../src/domain/viewer.js";
import { getAuthority } from "../src/store/authorities.js";
import { migrate, openStore } from "../src/store/open.js";
import { listMeetings, meetingDetail } from "../src/store/queries/meetings.js";
import { Scope } from "../src/store/records.js";
import { bulkArchive } from "../src/web/interop/bulk.js";
import { publicRecords } from "../src/web/interop/public-records.js";
import { ms, timed } from "./stats.js";

const dir = mkdtempSync(join(tmpdir(), "moot-bench-open-data-"));
const store = openStore({ dataDir: dir });
try {
  await migrate(store);
  const { authorityId } = await loadDemo(store);
  const authority = (await getAuthority(store.db, authorityId))!;
  const base = "http://bench.example";
  const meetings = await listMeetings(store, authorityId, { limit: 1000, offset: 0 });
  const [pageRead] = await timed(async () => {
    for (const m of meetings.items.slice(0, 20)) await meetingDetail(store, authorityId, m.id, PUBLIC);
  });
  const onePage = pageRead / Math.min(20, meetings.items.length);

  const runs: Array<{ snapshot: number; archive: number; bytes: number }> = [];
  for (let i = 0; i < 3; i++) {
    // A write raises the data version: the next request builds a new snapshot and archive.
    if (i > 0) {
      const s = new Scope(store, authorityId, "bench");
      const c = (await s.list("committee"))[0]!;
      await s.update("committee", c.id, { description: `${c.description ?? ""} (revised ${i})`.trim() });
    }
    const [snapshot, r] = await timed(() => publicRecords(store, authority));
    const [archive, zip] = await timed(() => bulkArchive(r, base));
    runs.push({ snapshot, archive, bytes: zip.length });
  }
  const r = await publicRecords(store, authority);
  const [hit] = await timed(async () => bulkArchive(await publicRecords(store, authority), base));
  const best = runs.reduce((a, b) => (a.snapshot + a.archive <= b.snapshot + b.archive ? a : b));
  console.log(
    `demo council: ${r.committees.length} committees, ${r.people.length} people, ${r.meetings.length} meetings, ${r.meetings.reduce((n, d) => n + d.items.length, 0)} agenda items`,
  );
  for (const [i, x] of runs.entries())
    console.log(`rebuild ${i + 1}: snapshot ${ms(x.snapshot)} + archive ${ms(x.archive)} (${(x.bytes / 1024).toFixed(0)} KB)`);
  console.log(`unchanged (cache hit): ${ms(hit)}`);
  console.log(`one public meeting read: ${ms(onePage)}`);
  console.log(
    `ratio: best rebuild = ${((best.snapshot + best.archive) / onePage).toFixed(1)} meeting reads; cache hit = ${(hit / onePage).toFixed(2)}`,
  );
} finally {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
