/**
 * The platform delivery ids handled in the last hours, with when, kept outside the JavaScript heap.
 *
 * At 100,000 people a busy bot holds several hundred thousand ids for their two hours. As a
 * `Map<string, number>` that is about 130 bytes of heap each (the string, the map's entry, the time as a
 * boxed number), some 50 MB that every full garbage collection marks and V8 sizes its heap by. Here an
 * id costs its UTF-8 bytes plus 20 bytes of typed arrays, and the garbage collector sees a few dozen
 * objects. No npm package keeps a string set with expiry off the heap, hence this small one.
 *
 * Ids are kept in generations of at most `generationSize` ids (or a quarter of the TTL's worth of time):
 * each is an append-only table (open addressing, never a deletion), and expiry drops whole generations
 * once their newest id is past the TTL. Lookups probe each generation: a handful at any real rate. An id
 * at or before the last cutoff reads as forgotten even while its generation is still kept.
 */
export class DeliveryIds {
  #generations: Generation[] = [];
  #scratch: Buffer = Buffer.allocUnsafeSlow(256);
  readonly #generationSize: number;
  readonly #generationSpanMs: number;
  #cutoff = Number.NEGATIVE_INFINITY;
  /** The id last looked up, as `#find` left it in the scratch buffer. */
  #length = 0;
  #hash = 0;

  constructor(options: { generationSize?: number; generationSpanMs: number }) {
    this.#generationSize = options.generationSize ?? 32_768;
    this.#generationSpanMs = options.generationSpanMs;
  }

  /** When `id` was handled, or undefined if it is not kept. */
  at(id: string): number | undefined {
    const found = this.#find(id);
    const at = found ? (found.generation.times[found.index] as number) : undefined;
    return at !== undefined && at > this.#cutoff ? at : undefined;
  }

  /** Keeps `id` as handled at `at`, unless it is kept already (the first time stays). */
  add(id: string, at: number): void {
    const found = this.#find(id);
    if (!found) {
      this.#current(at).insert(this.#scratch, this.#length, this.#hash, at);
      return;
    }
    // Forgotten but not yet dropped with its generation: handled again now.
    if ((found.generation.times[found.index] as number) <= this.#cutoff)
      found.generation.retime(found.index, at);
  }

  /** Forgets the ids handled at or before `cutoff` (their generations go once all of them are past it). */
  forgetUpTo(cutoff: number): void {
    this.#cutoff = Math.max(this.#cutoff, cutoff);
    this.#generations = this.#generations.filter((g) => g.newest > this.#cutoff);
  }

  clear(): void {
    this.#generations = [];
    this.#cutoff = Number.NEGATIVE_INFINITY;
  }

  /** Every id kept with its time, oldest generation first; ids added during the walk may be included. */
  *[Symbol.iterator](): IterableIterator<[string, number]> {
    for (const generation of [...this.#generations]) {
      for (let i = 0; i < generation.count; i++) {
        const at = generation.times[i] as number;
        if (at > this.#cutoff) yield [generation.id(i), at];
      }
    }
  }

  /** Where `id` is kept; either way it is left encoded in the scratch buffer (`#length`, `#hash`). */
  #find(id: string): { generation: Generation; index: number } | null {
    this.#length = this.#encode(id);
    this.#hash = fnv1a(this.#scratch, this.#length);
    for (const generation of this.#generations) {
      const index = generation.find(this.#scratch, this.#length, this.#hash);
      if (index >= 0) return { generation, index };
    }
    return null;
  }

  /** Writes `id` into the scratch buffer; returns its length in bytes. */
  #encode(id: string): number {
    const length = Buffer.byteLength(id);
    if (length > this.#scratch.length) this.#scratch = Buffer.allocUnsafeSlow(length * 2);
    return this.#scratch.write(id);
  }

  /** The generation to add to: the newest, unless it is full or spans too long already. */
  #current(at: number): Generation {
    const last = this.#generations.at(-1);
    if (last && last.count < this.#generationSize && at - last.oldest <= this.#generationSpanMs) return last;
    const fresh = new Generation();
    this.#generations.push(fresh);
    return fresh;
  }
}

const INITIAL_IDS = 256;

/** One append-only hash table of ids: their bytes back to back, where each starts, and when. */
class Generation {
  count = 0;
  oldest = Number.POSITIVE_INFINITY;
  newest = Number.NEGATIVE_INFINITY;
  bytes: Buffer = Buffer.allocUnsafeSlow(INITIAL_IDS * 24);
  /** starts[i] … starts[i + 1]: id i's bytes. */
  starts = new Uint32Array(INITIAL_IDS + 1);
  hashes = new Uint32Array(INITIAL_IDS);
  times = new Float64Array(INITIAL_IDS);
  /** Open addressing, linear probing: id index + 1, 0 for an empty slot; at most half full. */
  slots = new Int32Array(INITIAL_IDS * 2);

  find(key: Buffer, length: number, hash: number): number {
    const mask = this.slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot] as number;
      if (entry === 0) return -1;
      const index = entry - 1;
      if (this.hashes[index] === hash && this.#sameBytes(index, key, length)) return index;
    }
  }

  insert(key: Buffer, length: number, hash: number, at: number): void {
    if (this.count === this.times.length) this.#growEntries();
    const start = this.starts[this.count] as number;
    if (start + length > this.bytes.length) this.bytes = copyInto(this.bytes, 2 * (start + length), start);
    key.copy(this.bytes, start, 0, length);
    const index = this.count++;
    this.starts[this.count] = start + length;
    this.hashes[index] = hash;
    this.times[index] = at;
    this.oldest = Math.min(this.oldest, at);
    this.newest = Math.max(this.newest, at);
    this.#place(index);
  }

  retime(index: number, at: number): void {
    this.times[index] = at;
    this.newest = Math.max(this.newest, at);
  }

  id(index: number): string {
    return this.bytes.toString('utf8', this.starts[index], this.starts[index + 1]);
  }

  #sameBytes(index: number, key: Buffer, length: number): boolean {
    const start = this.starts[index] as number;
    const end = this.starts[index + 1] as number;
    return end - start === length && this.bytes.compare(key, 0, length, start, end) === 0;
  }

  #place(index: number): void {
    const mask = this.slots.length - 1;
    let slot = (this.hashes[index] as number) & mask;
    while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
    this.slots[slot] = index + 1;
  }

  /** Doubles the id arrays and rebuilds the table from the stored hashes (the bytes are not read). */
  #growEntries(): void {
    const capacity = this.times.length * 2;
    this.starts = grow(this.starts, new Uint32Array(capacity + 1));
    this.hashes = grow(this.hashes, new Uint32Array(capacity));
    this.times = grow(this.times, new Float64Array(capacity));
    this.slots = new Int32Array(capacity * 2);
    for (let i = 0; i < this.count; i++) this.#place(i);
  }
}

function grow<T extends Uint32Array | Float64Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

function copyInto(from: Buffer, size: number, used: number): Buffer {
  const to = Buffer.allocUnsafeSlow(size);
  from.copy(to, 0, 0, used);
  return to;
}

/** 32-bit FNV-1a over the first `length` bytes. */
function fnv1a(bytes: Buffer, length: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < length; i++) {
    hash ^= bytes[i] as number;
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
