import type { Capacity } from "./merge-chunk";
import type { Staging } from "./staging";

/**
 * Decides when each chunk of an import may merge, and on which connection: chunk n on lane
 * n mod lanes, once that lane's previous chunk is done, so two merges run side by side on a
 * two-lane import (one statement runs on one core; contacts' index upkeep is most of the time).
 *
 * - The first chunk merges alone. Until it has refreshed the statistics (run-import.ts), a merge
 *   beside it would be planned for an empty org and walk the org's every contact per probe.
 * - The plan's limit admits the file's first new rows and refuses the rest, which only file order
 *   decides. Chunks merge side by side while the limit cannot bite even if every row in flight is
 *   new, and one after the other once it might; each merge gets the capacity no other merge in
 *   flight has reserved.
 *
 * `waited` is told how long the caller was held up, for the benchmark's trace.
 */
export function mergeLanes(lanes: Staging[], capacity: Capacity, waited: (ms: number) => void) {
  const inFlight: Promise<void>[] = lanes.map(() => Promise.resolve());
  let chunks = 0;
  let reserved = 0;
  const wait = async (p: Promise<unknown>) => {
    const t = performance.now();
    await p;
    waited(performance.now() - t);
  };
  return {
    /** Waits for its turn, then starts `merge` (which must lower `capacity` by what it created) and returns. */
    async launch(rows: number, merge: (lane: Staging, limit: Capacity) => Promise<void>) {
      const n = chunks++;
      const i = n % lanes.length;
      await wait(n === 1 ? Promise.all(inFlight) : inFlight[i]);
      if (capacity.remaining - reserved < rows) await wait(Promise.all(inFlight));
      const limit: Capacity = { remaining: capacity.remaining - reserved };
      reserved += rows;
      const run = merge(lanes[i], limit).finally(() => {
        reserved -= rows;
      });
      run.catch(() => {}); // surfaces at the next wait for this lane, or at drain()
      inFlight[i] = run;
    },
    /** Every merge started, finished; throws the first failure. */
    drain: () => wait(Promise.all(inFlight)),
    /** Every merge started, finished or failed: nothing left running on a connection about to close. */
    settle: () => Promise.allSettled(inFlight),
  };
}
