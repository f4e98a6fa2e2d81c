/**
 * Progress events of pulls and pushes (one per layer state change or chunk), shaped like
 * Docker's JSON progress messages so the CLI can print per-layer lines.
 *
 * @module
 */

/** One progress event. */
export interface ProgressEvent {
  /** Short ID of the blob (12 hex digits), or empty for whole-image messages. */
  id: string;
  /** e.g. `Waiting`, `Downloading`, `Already exists`, `Pull complete`, `Pushed`, `Mounted from x`. */
  status: string;
  currentBytes?: number;
  totalBytes?: number;
}

/** A sink for progress events. */
export type ProgressSink = (event: ProgressEvent) => void;
