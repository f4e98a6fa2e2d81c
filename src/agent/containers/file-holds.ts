/**
 * Holds on a container's files: an attached run reads the whole output of a container that may
 * end and be auto-removed before it has opened the log, so a removal deletes the files only once
 * every hold is released (or after a bound).
 *
 * @module
 */

interface Hold {
  count: number;
  released: () => void;
  done: Promise<void>;
}

/** The holds on each container's files. */
export class FileHolds {
  private readonly holds = new Map<string, Hold>();

  /** Holds `id`'s files until the returned function is called (calling it again does nothing). */
  hold(id: string): () => void {
    let h = this.holds.get(id);
    if (h === undefined) {
      let released = (): void => undefined;
      const done = new Promise<void>((r) => (released = r));
      h = { count: 0, released, done };
      this.holds.set(id, h);
    }
    const hold = h;
    hold.count += 1;
    let once = false;
    return () => {
      if (once) return;
      once = true;
      hold.count -= 1;
      if (hold.count === 0) {
        this.holds.delete(id);
        hold.released();
      }
    };
  }

  /** Resolves once no hold on `id`'s files is left. */
  released(id: string): Promise<void> {
    return this.holds.get(id)?.done ?? Promise.resolve();
  }
}
