/**
 * The addresses an import has already seen, for "duplicate in file", in ~16 bytes per key: a
 * 64-bit hash in an open-addressed table of typed arrays instead of a Set of strings (which
 * costs ~100 bytes per key, ~100 MB at a million rows).
 *
 * A hash can collide, so a hit only makes a row a duplicate CANDIDATE: the import holds
 * candidates back and confirms each one in SQL against the earlier rows of the file (see
 * resolveDuplicates in merge-chunk.ts). A collision therefore costs a little work, never a wrong
 * refusal.
 */
export class SeenKeys {
  private hi: Int32Array;
  private lo: Int32Array;
  private mask: number;
  private count = 0;

  constructor(capacity = 1 << 16) {
    this.hi = new Int32Array(capacity);
    this.lo = new Int32Array(capacity);
    this.mask = capacity - 1;
  }

  get size() {
    return this.count;
  }

  /** Whether the key's hash is present. */
  has(key: string): boolean {
    const h = hash(key, 0x9747b28c);
    const l = hash(key, 0x2f1b3a5d) | 1; // never 0: (0, 0) marks an empty slot
    for (let i = h & this.mask; ; i = (i + 1) & this.mask) {
      if (this.lo[i] === 0) return false;
      if (this.lo[i] === l && this.hi[i] === h) return true;
    }
  }

  add(key: string): void {
    if ((this.count + 1) * 2 > this.hi.length) this.grow();
    if (this.insert(hash(key, 0x9747b28c), hash(key, 0x2f1b3a5d) | 1)) this.count++;
  }

  private insert(h: number, l: number): boolean {
    for (let i = h & this.mask; ; i = (i + 1) & this.mask) {
      if (this.lo[i] === 0) {
        this.hi[i] = h;
        this.lo[i] = l;
        return true;
      }
      if (this.lo[i] === l && this.hi[i] === h) return false;
    }
  }

  private grow() {
    const { hi, lo } = this;
    this.hi = new Int32Array(hi.length * 2);
    this.lo = new Int32Array(lo.length * 2);
    this.mask = this.hi.length - 1;
    for (let i = 0; i < hi.length; i++) if (lo[i] !== 0) this.insert(hi[i], lo[i]);
  }
}

/** A murmur-style 32-bit string hash; two seeds give the 64 bits. */
function hash(s: string, seed: number): number {
  let h = seed ^ s.length;
  for (let i = 0; i < s.length; i++) {
    h = Math.imul(h ^ s.charCodeAt(i), 0x5bd1e995);
    h ^= h >>> 15;
  }
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}
