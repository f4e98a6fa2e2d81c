/**
 * A range of numbers handed out to owners (pure): the addresses of one network, or the cluster's
 * VXLAN network identifiers. Tracks who holds which number and the next one to hand out.
 *
 * Allocation is next-fit: the search starts after the address given last, so an address freed by
 * a task that just ended is handed out again only after the rest of the range was used. Peers
 * that still cache the old owner's MAC (ARP, the agents' static neighbour entries) then have time
 * to forget it, which is why libnetwork allocates serially too.
 *
 * @module
 */
import { assert } from '../util/assert.js';

/** A numbered range with owners. Owners are opaque keys (`task:ID`, `vip:ID`, `gateway`, ...). */
export class RangeAllocator {
  /** First number of the range. */
  readonly first: number;
  /** Last number of the range. */
  readonly last: number;
  readonly #owners = new Map<number, string>();
  #next: number;

  /** Creates an empty range `first..last` (both included). */
  constructor(first: number, last: number) {
    assert(first <= last, `Empty range ${first}..${last}`);
    this.first = first;
    this.last = last;
    this.#next = first;
  }

  /** Numbers the range holds. */
  get capacity(): number {
    return this.last - this.first + 1;
  }

  /** Numbers given out (for a network: gateway and VIPs included). */
  get inUseCount(): number {
    return this.#owners.size;
  }

  /** The owner of number `addr`, or undefined when it is free. */
  ownerOf(addr: number): string | undefined {
    return this.#owners.get(addr);
  }

  /**
   * Gives the next free number to `owner`; undefined when every number is taken. Runs in
   * time proportional to the taken numbers skipped, and in O(1) when the range is full.
   */
  allocate(owner: string): number | undefined {
    if (this.#owners.size >= this.capacity) return undefined;
    let addr = this.#next;
    for (let scanned = 0; scanned < this.capacity; scanned++) {
      if (!this.#owners.has(addr)) {
        this.#owners.set(addr, owner);
        this.#next = addr === this.last ? this.first : addr + 1;
        return addr;
      }
      addr = addr === this.last ? this.first : addr + 1;
    }
    return undefined;
  }

  /**
   * Gives `addr` to `owner` when it is free (or already theirs). Returns the current owner when
   * someone else holds it, so the caller can report the conflict.
   */
  reserve(addr: number, owner: string): { ok: true } | { ok: false; heldBy: string } {
    assert(
      addr >= this.first && addr <= this.last,
      `${addr} is outside the range ${this.first}..${this.last}`,
    );
    const holder = this.#owners.get(addr);
    if (holder !== undefined && holder !== owner) return { ok: false, heldBy: holder };
    this.#owners.set(addr, owner);
    return { ok: true };
  }

  /** Frees `addr` if `owner` holds it; returns whether it did. */
  release(addr: number, owner: string): boolean {
    if (this.#owners.get(addr) !== owner) return false;
    this.#owners.delete(addr);
    return true;
  }

  /**
   * Moves the next-fit cursor past `addr` (used after a rebuild, so that the numbers handed
   * out before a restart are not the first ones handed out after it).
   */
  advancePast(addr: number): void {
    if (addr < this.first || addr > this.last) return;
    this.#next = addr === this.last ? this.first : addr + 1;
  }
}
