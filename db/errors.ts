/** The Postgres error code and constraint of a failed statement, whichever driver raised it. */
export function pgError(e: unknown): { code?: string; constraint: string } {
  const err = ((e as { cause?: unknown })?.cause ?? e) as { code?: string; constraint_name?: string; constraint?: string } | undefined;
  return { code: err?.code, constraint: err?.constraint_name ?? err?.constraint ?? "" };
}

/**
 * Runs `work` again when Postgres picked it as a deadlock's victim (40P01), up to `attempts`
 * times in all. Only for work that is one statement or one transaction: the victim's changes
 * were all rolled back, so running it again is the same as running it once.
 */
export async function retryOnDeadlock<T>(work: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (e) {
      if (attempt >= attempts || pgError(e).code !== "40P01") throw e;
    }
  }
}
