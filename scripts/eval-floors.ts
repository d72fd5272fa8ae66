/**
 * The ratchet: eval/floors.json holds each gold document's headline F1 and the pool's
 * measures as last landed. A run fails when a document falls more than SLACK below its floor
 * or a pool measure drops; raising a floor is a commit (`moot eval --write-floors`).
 */

export const SLACK = 0.02;

export const POOL_MEASURES = ["read", "date", "body", "content"] as const;
export type PoolMeasure = (typeof POOL_MEASURES)[number];

export interface Floors {
  documents: Record<string, number>;
  pool: Partial<Record<PoolMeasure, number>>;
}

export interface Observed {
  documents: Record<string, number>;
  pool: Partial<Record<PoolMeasure, number | null>>;
}

/** Every way `observed` falls below `floors`, one line each; empty when the ratchet holds. */
export function belowFloors(floors: Floors, observed: Observed): string[] {
  const out: string[] = [];
  for (const [stem, floor] of Object.entries(floors.documents)) {
    const got = observed.documents[stem];
    if (got === undefined) out.push(`${stem}: not scored (floor ${floor.toFixed(3)})`);
    else if (got < floor - SLACK - 1e-9) out.push(`${stem}: headline ${got.toFixed(3)} is below its floor ${floor.toFixed(3)}`);
  }
  for (const m of POOL_MEASURES) {
    const floor = floors.pool[m];
    if (floor === undefined) continue;
    const got = observed.pool[m];
    // Rounded to 1e-6 so a float's last digit is not a drop.
    if (got === null || got === undefined || Math.round(got * 1e6) < Math.round(floor * 1e6))
      out.push(`pool ${m}: ${got === null || got === undefined ? "not measured" : pct(got)} is below its floor ${pct(floor)}`);
  }
  return out;
}

/**
 * Floors from a run: the observed figures (documents to 3 places, rounded down). Written by
 * `moot eval --write-floors`; the commit's diff shows any floor that moved down.
 */
export function floorsFrom(observed: Observed): Floors {
  const documents: Record<string, number> = {};
  for (const [stem, v] of Object.entries(observed.documents).sort(([a], [b]) => a.localeCompare(b))) documents[stem] = round3(v);
  const pool: Floors["pool"] = {};
  for (const m of POOL_MEASURES) {
    const v = observed.pool[m];
    if (v !== null && v !== undefined) pool[m] = round6(v);
  }
  return { documents, pool };
}

const round3 = (v: number) => Math.floor(v * 1000) / 1000;
const round6 = (v: number) => Math.round(v * 1e6) / 1e6;
const pct = (v: number) => `${(100 * v).toFixed(1)}%`;
