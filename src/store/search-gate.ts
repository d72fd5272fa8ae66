import { MootError } from "../domain/errors.js";

/**
 * Bounds the searches one process runs at once. Beyond `concurrency`, searches wait in a
 * queue of at most `queueLimit`; past that they are refused at once (`rate_limited`, which
 * the web answers 429 with Retry-After) instead of piling up until every one times out.
 * A search whose client has gone (its request's AbortSignal fired) leaves the queue and
 * never reaches the database.
 */
export class Gate {
  private running = 0;
  private readonly waiting: Array<{ go: () => void }> = [];

  constructor(
    readonly concurrency: number,
    readonly queueLimit: number,
  ) {}

  get stats(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }

  async run<T>(fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (signal?.aborted) throw gone();
    if (this.running >= this.concurrency) {
      if (this.waiting.length >= this.queueLimit)
        throw new MootError("rate_limited", "Too many searches are running; try again in a moment.");
      await new Promise<void>((resolve, reject) => {
        const entry = { go: resolve };
        this.waiting.push(entry);
        signal?.addEventListener(
          "abort",
          () => {
            const i = this.waiting.indexOf(entry);
            if (i >= 0) {
              this.waiting.splice(i, 1);
              reject(gone());
            }
          },
          { once: true },
        );
      });
      // The finishing search handed its slot straight to this one: `running` is unchanged.
    } else this.running++;
    try {
      if (signal?.aborted) throw gone();
      return await fn();
    } finally {
      const next = this.waiting.shift();
      if (next) next.go();
      else this.running--;
    }
  }
}

const gone = () => new MootError("aborted", "the request was abandoned before its search ran");

const gates = new WeakMap<object, Gate>();

/** How many searches one process runs at once (MOOT_SEARCH_CONCURRENCY, default 4). */
export function searchConcurrency(): number {
  const n = Number(process.env.MOOT_SEARCH_CONCURRENCY ?? 4);
  return Number.isInteger(n) && n > 0 ? n : 4;
}

/** The gate of one store (one database) in this process; MOOT_SEARCH_CONCURRENCY and MOOT_SEARCH_QUEUE size it. */
export function searchGate(store: object): Gate {
  let g = gates.get(store);
  if (!g) {
    const q = Number(process.env.MOOT_SEARCH_QUEUE ?? 64);
    g = new Gate(searchConcurrency(), Number.isInteger(q) && q >= 0 ? q : 64);
    gates.set(store, g);
  }
  return g;
}
