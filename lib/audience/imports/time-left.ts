/**
 * Seconds a running import still needs at the pace it has kept since it started, or null while
 * there is too little to go on or nothing left. Under a tenth of the file in, the start-up work
 * (opening connections, a first chunk merged alone) would weigh too much: a 20-second import
 * was once told "about 7 min left".
 */
export function secondsLeft(startedAt: Date | null, processed: number, total: number | null, now = new Date()): number | null {
  if (!startedAt || !total || processed < total / 10 || processed >= total) return null;
  const elapsed = (now.getTime() - startedAt.getTime()) / 1000;
  if (elapsed < 3) return null;
  return Math.ceil(((total - processed) * elapsed) / processed);
}

/** "about 15 s left", "about 4 min left", "about 1 h 20 min left": rounded, as an estimate should be. */
export function describeTimeLeft(seconds: number): string {
  if (seconds < 60) return `about ${Math.max(5, Math.ceil(seconds / 5) * 5)} s left`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `about ${minutes} min left`;
  return `about ${Math.floor(minutes / 60)} h${minutes % 60 ? ` ${minutes % 60} min` : ""} left`;
}
