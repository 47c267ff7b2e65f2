/** One concurrency group a run must hold a slot in: `key` is already evaluated and scoped. */
export type SlotNeed = { key: string; limit: number };

type Waiter = { needs: SlotNeed[]; grant: () => void };

/**
 * Keyed counting semaphore. A run may need slots in up to two groups (Inngest allows two
 * concurrency options); they are taken together or not at all so two runs can never each hold
 * half of what the other needs. Waiters are served FIFO per key: a later waiter never overtakes
 * an earlier one on a key they share, though it may on an unrelated key.
 */
export class Slots {
  private readonly used = new Map<string, number>();
  private readonly waiters: Waiter[] = [];

  acquire(needs: SlotNeed[]): Promise<void> {
    if (needs.length === 0) return Promise.resolve();
    return new Promise((grant) => {
      this.waiters.push({ needs, grant });
      this.pump();
    });
  }

  release(needs: SlotNeed[]): void {
    for (const { key } of needs) {
      const n = (this.used.get(key) ?? 1) - 1;
      if (n <= 0) this.used.delete(key);
      else this.used.set(key, n);
    }
    this.pump();
  }

  /** For tests and diagnostics: how many slots are taken under `key`. */
  inUse(key: string): number {
    return this.used.get(key) ?? 0;
  }

  private pump(): void {
    const blocked = new Set<string>();
    for (let i = 0; i < this.waiters.length; ) {
      const w = this.waiters[i];
      const free = w.needs.every(({ key, limit }) => !blocked.has(key) && (this.used.get(key) ?? 0) < limit);
      if (free) {
        for (const { key } of w.needs) this.used.set(key, (this.used.get(key) ?? 0) + 1);
        this.waiters.splice(i, 1);
        w.grant();
      } else {
        for (const { key } of w.needs) blocked.add(key);
        i++;
      }
    }
  }
}
