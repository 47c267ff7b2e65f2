/**
 * Batches in flight in this process at once, whatever the number of senders. A batch is CPU
 * (rendering, a megabyte of JSON) and memory (a thousand rendered messages) while it runs; more
 * than a few at once on a small machine adds no speed, only memory. Senders beyond the limit wait
 * their turn; their pace accounts for the wait (see dispatch-batch.ts).
 */
export const BATCH_SLOTS = 3;

let active = 0;
const waiting: (() => void)[] = [];

export async function withBatchSlot<T>(fn: () => Promise<T>): Promise<T> {
  if (active >= BATCH_SLOTS) await new Promise<void>((resolve) => waiting.push(resolve));
  else active++;
  try {
    return await fn();
  } finally {
    // Hand the slot straight to the next waiter, or free it.
    const next = waiting.shift();
    if (next) next();
    else active--;
  }
}
