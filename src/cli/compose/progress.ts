/**
 * The progress display of `up` and `down`, like Docker Compose's: on a terminal, one line per
 * object redrawn in place (log-update); without one, a plain line per step; nothing with
 * `--quiet`.
 *
 * @module
 */
import type { DeployEvent } from '../../api/stacks/engine.js';
import type { CliIo } from '../io.js';

const done = new Set([
  'created',
  'updated',
  'unchanged',
  'removed',
  'running',
  'healthy',
  'completed',
]);

/** Compose's words for each status. */
const words: Record<DeployEvent['status'], string> = {
  creating: 'Creating',
  created: 'Created',
  updating: 'Updating',
  updated: 'Updated',
  recreating: 'Recreating',
  unchanged: 'Running',
  removing: 'Removing',
  removed: 'Removed',
  waiting: 'Waiting',
  skipped: 'Skipped',
  pending: 'Pending',
  starting: 'Starting',
  running: 'Running',
  healthy: 'Healthy',
  completed: 'Exited',
  failed: 'Error',
};

const kindWords: Record<DeployEvent['object'], string> = {
  network: 'Network',
  volume: 'Volume',
  secret: 'Secret',
  config: 'Config',
  service: 'Service',
};

/** One display line for an object's latest event (pure). */
export function progressLine(e: DeployEvent, nameWidth: number): string {
  const mark = e.status === 'failed' ? '✘' : done.has(e.status) ? '✔' : '⠿';
  const name = `${kindWords[e.object]} ${e.name}`.padEnd(nameWidth);
  const detail = e.detail === undefined || e.detail === '' ? '' : ` ${e.detail}`;
  return ` ${mark} ${name}  ${words[e.status]}${detail}`;
}

/** A live region: each call replaces the previous text (log-update's contract). */
export type LiveUpdate = ((text: string) => void) & { done(): void };

/** Shows deploy events; call {@link ProgressView.end} when the deploy is over. */
export class ProgressView {
  private readonly latest = new Map<string, DeployEvent>();

  /**
   * @param options.live a live region (a terminal): lines are redrawn in place; without one,
   *   every event is a plain line; with `quiet`, nothing is shown.
   */
  constructor(
    private readonly io: CliIo,
    private readonly options: { quiet?: boolean; live?: LiveUpdate },
  ) {}

  /** Takes one event. */
  event(e: DeployEvent): void {
    this.latest.set(`${e.object} ${e.name}`, e);
    if (this.options.quiet === true) return;
    const live = this.options.live;
    if (live === undefined) {
      this.io.stdout.write(`${progressLine(e, 0).replace(/ {2,}/, ' ')}\n`);
      return;
    }
    const events = [...this.latest.values()];
    const width = Math.max(0, ...events.map((x) => kindWords[x.object].length + 1 + x.name.length));
    live(events.map((x) => progressLine(x, width)).join('\n'));
  }

  /** Leaves the last frame on the terminal. */
  end(): void {
    this.options.live?.done();
  }
}

/** Opens the display for `io`: live on the process's terminal (log-update), plain otherwise. */
export async function openProgress(io: CliIo, quiet: boolean): Promise<ProgressView> {
  const terminal =
    io.stdout === process.stdout && process.stdout.isTTY && io.env['TERM'] !== 'dumb';
  if (!terminal || quiet) return new ProgressView(io, { quiet });
  const { createLogUpdate } = await import('log-update');
  return new ProgressView(io, { live: createLogUpdate(process.stdout) });
}
