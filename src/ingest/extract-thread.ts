import { move, transferableSymbol, valueSymbol } from "piscina";
import extractTask, { type ExtractOutcome, type ExtractTask } from "./extract-task.js";

/**
 * The extraction pool's worker-thread entry: extract-task.ts, with the original's bytes
 * moved to the calling thread rather than copied (a copy doubled each file in flight, and
 * left the worker's copy to its garbage collector).
 */
export default async function extractThread(task: ExtractTask): Promise<ExtractOutcome> {
  const outcome = await extractTask(task);
  if (!outcome.ok) return outcome;
  const { buffer, byteOffset, byteLength } = outcome.data;
  // Only a buffer the file owns whole can move (readFile gives one; a pooled slice cannot).
  if (byteOffset !== 0 || byteLength !== buffer.byteLength || !(buffer instanceof ArrayBuffer)) return outcome;
  // piscina posts a moved value's transferables with it; the caller receives the outcome itself.
  return move({ [transferableSymbol]: [buffer], [valueSymbol]: outcome } as never) as unknown as ExtractOutcome;
}
