import { describe, expect, it } from 'vitest';
import { captureIo } from '../../../test/helpers/cli-io.js';
import { logPrefixer } from './log-prefix.js';
import { progressLine, ProgressView } from './progress.js';

describe('progressLine()', () => {
  it.each([
    [
      { object: 'network', name: 'app_default', status: 'created' },
      ` ✔ ${'Network app_default'.padEnd(20)}  Created`,
    ],
    [
      { object: 'service', name: 'web', status: 'waiting', detail: 'for "db" (service_healthy)' },
      ` ⠿ ${'Service web'.padEnd(20)}  Waiting for "db" (service_healthy)`,
    ],
    [
      { object: 'service', name: 'db', status: 'failed', detail: '0/1: unhealthy' },
      ` ✘ ${'Service db'.padEnd(20)}  Error 0/1: unhealthy`,
    ],
    [
      { object: 'service', name: 'web', status: 'running', detail: '2/3' },
      ` ✔ ${'Service web'.padEnd(20)}  Running 2/3`,
    ],
  ] as const)('%j', (event, line) => {
    expect(progressLine(event, 20)).toBe(line);
  });
});

describe('ProgressView', () => {
  it('redraws one line per object in a live region', () => {
    const frames: string[] = [];
    const live = Object.assign((t: string) => frames.push(t), {
      done: () => frames.push('<done>'),
    });
    const view = new ProgressView(captureIo('/', {}).io, { live });
    view.event({ object: 'service', name: 'web', status: 'creating' });
    view.event({ object: 'service', name: 'web', status: 'created' });
    view.event({ object: 'network', name: 'n', status: 'created' });
    view.end();
    expect(frames).toEqual([
      ' ⠿ Service web  Creating',
      ' ✔ Service web  Created',
      ' ✔ Service web  Created\n ✔ Network n    Created',
      '<done>',
    ]);
  });

  it('prints nothing with --quiet', () => {
    const c = captureIo('/', {});
    new ProgressView(c.io, { quiet: true }).event({
      object: 'service',
      name: 'web',
      status: 'created',
    });
    expect(c.stdout()).toBe('');
  });
});

describe('logPrefixer()', () => {
  it('pads every prefix to the longest replica name', () => {
    const p = logPrefixer({ web: 12, db: 1 }, { colour: false });
    expect(p.line('db', 1, 'ready')).toBe('db-1    | ready');
    expect(p.line('web', 12, 'hi')).toBe('web-12  | hi');
  });

  it('colours each service with its own colour, and can leave the prefix out', () => {
    const p = logPrefixer({ a: 1, b: 1 }, { colour: true });
    expect(p.line('a', 1, 'x')).toBe('\x1b[36ma-1  |\x1b[0m x');
    expect(p.line('b', 1, 'x')).toBe('\x1b[33mb-1  |\x1b[0m x');
    expect(logPrefixer({ a: 1 }, { colour: true, prefix: false }).line('a', 1, 'x')).toBe('x');
  });
});
