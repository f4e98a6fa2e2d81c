import { describe, expect, it } from 'vitest';
import { hasCode } from '../util/errors.js';
import {
  ago,
  binarySize,
  decimalSize,
  humanDuration,
  parseFormat,
  renderTemplate,
  shortId,
  table,
  writeList,
} from './output.js';

const minuteMs = 60_000;
const hourMs = 60 * minuteMs;
const dayMs = 24 * hourMs;

function sink(): { write(s: string): void; text: () => string } {
  let text = '';
  return { write: (s) => (text += s), text: () => text };
}

function usageError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  return undefined;
}

describe('output', () => {
  it.each([
    [0, '0B'],
    [512, '512B'],
    [500_000, '500kB'],
    [10_000_000, '10MB'],
    [2_020_711, '2.02MB'],
    [64 * 1024 * 1024, '67.1MB'],
    [1_000_000_000, '1GB'],
  ])('decimalSize(%d) is %s', (n, want) => {
    expect(decimalSize(n)).toBe(want);
  });

  it.each([
    [0, '0B'],
    [12, '12B'],
    [780 * 1024, '780KiB'],
    [100 * 1024, '100KiB'],
    [1.5 * 1024 * 1024, '1.5MiB'],
    [10 * 1024 * 1024, '10MiB'],
    [64 * 1024 * 1024, '64MiB'],
    [1024 * 1024 * 1024, '1GiB'],
  ])('binarySize(%d) is %s', (n, want) => {
    expect(binarySize(n)).toBe(want);
  });

  it.each([
    [-5, 'Less than a second'],
    [500, 'Less than a second'],
    [1_000, '1 second'],
    [30_000, '30 seconds'],
    [90_000, 'About a minute'],
    [5 * minuteMs, '5 minutes'],
    [hourMs, 'About an hour'],
    [3 * hourMs, '3 hours'],
    [3 * dayMs, '3 days'],
    [20 * dayMs, '2 weeks'],
    [90 * dayMs, '3 months'],
    [800 * dayMs, '2 years'],
  ])('humanDuration(%d) is %s', (ms, want) => {
    expect(humanDuration(ms)).toBe(want);
  });

  it('ago() words a time before now, and N/A for none', () => {
    const now = Date.parse('2026-01-01T12:00:00Z');
    expect(ago('2026-01-01T11:55:00Z', now)).toBe('5 minutes ago');
    expect(ago('', now)).toBe('N/A');
  });

  it('aligns table columns', () => {
    expect(table(['A', 'BB'], [['xxx', 'y']])).toBe('A     BB\nxxx   y\n');
  });

  it('shortens IDs and digests to 12 characters', () => {
    expect(shortId(`sha256:${'ab'.repeat(32)}`)).toBe('abababababab');
    expect(shortId('0123456789abcdef')).toBe('0123456789ab');
  });

  it('parses --format and names the flag for a bad value', () => {
    expect(parseFormat(undefined)).toEqual({ kind: 'table' });
    expect(parseFormat('json')).toEqual({ kind: 'json' });
    expect(parseFormat('{{.id}}')).toEqual({ kind: 'template', template: '{{.id}}' });
    const err = usageError(() => parseFormat('yaml'));
    expect(hasCode(err, 'CLI_USAGE')).toBe(true);
    expect((err as Error).message).toMatch(/^Invalid value for --format: "yaml"/);
  });

  it('renders templates with fields, nested fields, json and escapes', () => {
    const v = { name: 'web', n: 3, labels: { a: 'b' } };
    expect(renderTemplate('{{.name}}\\t{{ .n }}', v)).toBe('web\t3');
    expect(renderTemplate('{{.labels.a}} {{json .labels}}', v)).toBe('b {"a":"b"}');
    expect(renderTemplate('{{json .}}', { a: 1 })).toBe('{"a":1}');
    const err = usageError(() => renderTemplate('{{.nope}}', v));
    expect(hasCode(err, 'CLI_USAGE')).toBe(true);
    expect((err as Error).message).toContain('no field "nope"');
  });

  it('writeList() prints a table, JSON lines, a JSON array or template lines', () => {
    const items = [
      { id: 'a1', size: 1 },
      { id: 'b2', size: 2 },
    ];
    const view = {
      header: ['ID', 'SIZE'],
      row: (i: (typeof items)[number]) => [i.id, `${i.size}`],
    };
    const outputs = [undefined, 'json', '{{.id}}'].map((format) => {
      const out = sink();
      writeList(out, items, format, view);
      return out.text();
    });
    expect(outputs).toEqual([
      'ID   SIZE\na1   1\nb2   2\n',
      '{"id":"a1","size":1}\n{"id":"b2","size":2}\n',
      'a1\nb2\n',
    ]);
    const array = sink();
    writeList(array, items, 'json', { ...view, json: 'array', data: (i) => ({ id: i.id }) });
    expect(JSON.parse(array.text())).toEqual([{ id: 'a1' }, { id: 'b2' }]);
  });
});
