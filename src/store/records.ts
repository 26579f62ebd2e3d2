/**
 * Each person's progress JSON as UTF-8 bytes, packed into shared slabs outside the JavaScript heap.
 *
 * A `Buffer` per person costs about 180 bytes of heap for its wrappers and one malloc each, and every
 * garbage collection walks 100,000 array-buffer extensions; here a person costs one map entry whose value
 * is a small integer. Slots come in size classes of 128 bytes (a record of 781 bytes takes an 896-byte
 * slot holding its length and bytes); a record that outgrows its slot moves to a slot of the next class
 * and leaves the old one to the next record of that size. A record of more than `LARGE_BYTES` gets a
 * buffer of its own. No npm package packs variable-size byte strings into slabs like this.
 *
 * A slot is rewritten in place: a caller holding `bytes()` across an `await` may see someone else's
 * record. Read what you need, use it, then wait.
 */
export class Records {
  /** user → handle: `classIndex * SLOTS_PER_CLASS + slot`, or -1 for a record in `#large`. */
  readonly #handles = new Map<string, number>();
  readonly #classes: SizeClass[] = [];
  readonly #large = new Map<string, Buffer>();

  get size(): number {
    return this.#handles.size;
  }

  keys(): IterableIterator<string> {
    return this.#handles.keys();
  }

  /** The record's bytes as a view into its slab (see the class comment), or undefined. */
  bytes(user: string): Buffer | undefined {
    const handle = this.#handles.get(user);
    if (handle === undefined) return undefined;
    if (handle < 0) return this.#large.get(user);
    return this.#class(handle).view(handle % SLOTS_PER_CLASS);
  }

  text(user: string): string | undefined {
    const handle = this.#handles.get(user);
    if (handle === undefined) return undefined;
    if (handle < 0) return this.#large.get(user)?.toString('utf8');
    return this.#class(handle).text(handle % SLOTS_PER_CLASS);
  }

  set(user: string, json: string): void {
    const length = Buffer.byteLength(json);
    const old = this.#handles.get(user);
    const index = classFor(length);
    if (old !== undefined && old >= 0 && Math.floor(old / SLOTS_PER_CLASS) === index) {
      this.#class(old).write(old % SLOTS_PER_CLASS, json, length);
      return;
    }
    if (old !== undefined) this.#free(user, old);
    if (index === undefined) {
      const own = Buffer.allocUnsafeSlow(length);
      own.write(json);
      this.#large.set(user, own);
      this.#handles.set(user, -1);
      return;
    }
    const sizeClass = this.#sizeClass(index);
    const slot = sizeClass.take();
    sizeClass.write(slot, json, length);
    this.#handles.set(user, index * SLOTS_PER_CLASS + slot);
  }

  clear(): void {
    this.#handles.clear();
    this.#classes.length = 0;
    this.#large.clear();
  }

  #free(user: string, handle: number): void {
    if (handle < 0) this.#large.delete(user);
    else this.#class(handle).release(handle % SLOTS_PER_CLASS);
  }

  #class(handle: number): SizeClass {
    return this.#classes[Math.floor(handle / SLOTS_PER_CLASS)] as SizeClass;
  }

  #sizeClass(index: number): SizeClass {
    let sizeClass = this.#classes[index];
    if (!sizeClass) {
      sizeClass = new SizeClass((index + 1) * CLASS_STEP);
      this.#classes[index] = sizeClass;
    }
    return sizeClass;
  }
}

const CLASS_STEP = 128;
/** Records up to 64 KB share slabs (512 classes); beyond, a buffer each. */
const LARGE_BYTES = 64 * 1024 - 4;
/** Slots per class a handle can name: handle = class * this + slot stays a small integer (< 2^31). */
const SLOTS_PER_CLASS = 2 ** 22;
const SLAB_BYTES = 64 * 1024;

/** The size class for a record of `length` bytes (its slot also holds a 4-byte length), or undefined. */
function classFor(length: number): number | undefined {
  return length > LARGE_BYTES ? undefined : Math.floor((length + 4 - 1) / CLASS_STEP);
}

/** The slots of one size: slabs of `SLAB_BYTES`, a stack of free slots, the next never used. */
class SizeClass {
  readonly #slabs: Buffer[] = [];
  readonly #free: number[] = [];
  readonly #perSlab: number;
  #next = 0;

  constructor(readonly slotBytes: number) {
    this.#perSlab = Math.max(1, Math.floor(SLAB_BYTES / slotBytes));
  }

  take(): number {
    const reused = this.#free.pop();
    if (reused !== undefined) return reused;
    if (this.#next === SLOTS_PER_CLASS)
      throw new RangeError(`more than ${SLOTS_PER_CLASS} records of one size`);
    const slot = this.#next++;
    if (slot % this.#perSlab === 0) this.#slabs.push(Buffer.allocUnsafeSlow(this.#perSlab * this.slotBytes));
    return slot;
  }

  release(slot: number): void {
    this.#free.push(slot);
  }

  write(slot: number, json: string, length: number): void {
    const [slab, start] = this.#where(slot);
    slab.writeUInt32LE(length, start);
    slab.write(json, start + 4, length);
  }

  view(slot: number): Buffer {
    const [slab, start] = this.#where(slot);
    return slab.subarray(start + 4, start + 4 + slab.readUInt32LE(start));
  }

  text(slot: number): string {
    const [slab, start] = this.#where(slot);
    return slab.toString('utf8', start + 4, start + 4 + slab.readUInt32LE(start));
  }

  #where(slot: number): [Buffer, number] {
    return [this.#slabs[Math.floor(slot / this.#perSlab)] as Buffer, (slot % this.#perSlab) * this.slotBytes];
  }
}
