/**
 * Virtual time of a simulation, counted in ticks. Nothing in a simulation reads the wall
 * clock: timers are Raft ticks, message delays and client deadlines are tick counts, so a run
 * depends only on its seed.
 *
 * @module
 */

/** A tick counter shared by the cluster, its network and its nemeses. */
export class VirtualClock {
  #now = 0;

  /** The current tick. */
  get now(): number {
    return this.#now;
  }

  /** Moves to the next tick and returns it. */
  advance(): number {
    return ++this.#now;
  }
}
