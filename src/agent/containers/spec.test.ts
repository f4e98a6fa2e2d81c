import { describe, expect, it } from 'vitest';
import { hasCode } from '../../util/errors.js';
import {
  mergeEnv,
  parseRestartPolicy,
  resolvConfContent,
  resolveArgs,
  restartDelayMs,
  shouldRestart,
} from './spec.js';

describe('restart policies', () => {
  it('parses every form and rejects others', () => {
    expect(parseRestartPolicy('on-failure:3')).toEqual({ name: 'on-failure', maxRetries: 3 });
    expect(parseRestartPolicy('always')).toEqual({ name: 'always', maxRetries: 0 });
    for (const bad of ['sometimes', 'always:3', 'on-failure:x', 'on-failure:-1']) {
      let err: unknown;
      try {
        parseRestartPolicy(bad);
      } catch (e) {
        err = e;
      }
      expect(hasCode(err, 'INVALID_ARGUMENT')).toBe(true);
    }
  });
  it('shouldRestart() follows docker rules', () => {
    const p = (t: string) => parseRestartPolicy(t);
    const s = { exitCode: 1, stoppedByUser: false, restartCount: 0 };
    expect(shouldRestart(p('no'), s)).toBe(false);
    expect(shouldRestart(p('always'), { ...s, exitCode: 0 })).toBe(true);
    expect(shouldRestart(p('always'), { ...s, stoppedByUser: true })).toBe(false);
    expect(shouldRestart(p('on-failure'), { ...s, exitCode: 0 })).toBe(false);
    expect(shouldRestart(p('on-failure:2'), { ...s, restartCount: 1 })).toBe(true);
    expect(shouldRestart(p('on-failure:2'), { ...s, restartCount: 2 })).toBe(false);
    expect(shouldRestart(p('unless-stopped'), s)).toBe(true);
  });
  it('restartDelayMs() doubles from 100 ms up to the cap', () => {
    expect([0, 1, 2, 3].map((n) => restartDelayMs(n, 60_000))).toEqual([100, 200, 400, 800]);
    expect(restartDelayMs(30, 60_000)).toBe(60_000);
  });
});

describe('resolveArgs()', () => {
  const image = { Entrypoint: ['/entry'], Cmd: ['default'] };
  it('combines entrypoint and cmd the docker way', () => {
    expect(resolveArgs(image, {})).toEqual(['/entry', 'default']);
    expect(resolveArgs(image, { cmd: ['x'] })).toEqual(['/entry', 'x']);
    expect(resolveArgs(image, { entrypoint: ['sh'] })).toEqual(['sh']);
    expect(resolveArgs(image, { entrypoint: ['sh'], cmd: ['-c', 'true'] })).toEqual([
      'sh',
      '-c',
      'true',
    ]);
  });
  it('fails clearly when there is no command', () => {
    expect(() => resolveArgs({}, {})).toThrow(/No command specified/);
  });
});

describe('mergeEnv()', () => {
  it('lets later lists win and keeps order', () => {
    expect(mergeEnv(['A=1', 'B=2'], ['B=3', 'C'])).toEqual(['A=1', 'B=3', 'C=']);
  });
  it('rejects an empty name', () => {
    expect(() => mergeEnv(['=x'])).toThrow(/empty name/);
  });
});

describe('resolvConfContent()', () => {
  it('drops loopback nameservers and falls back to public ones', () => {
    const out = resolvConfContent('search lan\nnameserver 127.0.0.53\n', false);
    expect(out).toBe('search lan\nnameserver 8.8.8.8\nnameserver 8.8.4.4\n');
  });
  it('keeps other nameservers, and everything with host networking', () => {
    expect(resolvConfContent('nameserver 10.0.0.1\nnameserver ::1\n', false)).toBe(
      'nameserver 10.0.0.1\n',
    );
    expect(resolvConfContent('nameserver 127.0.0.1\n', true)).toBe('nameserver 127.0.0.1\n');
  });
});
