import { describe, expect, it } from 'vitest';
import {
  matchConstraint,
  parseConstraint,
  parseConstraints,
  parsePreference,
} from './constraint.js';
import { testNode } from './testing.js';

const node = testNode('n1', {
  hostname: 'Web-1',
  role: 'manager',
  labels: { zone: 'East', 'disk.type': 'ssd' },
  engineLabels: { gpu: 'nvidia' },
  platform: { os: 'linux', architecture: 'arm64' },
});

describe('parseConstraint()', () => {
  it.each([
    ['node.role==manager', 'role', '==', 'manager'],
    ['node.labels.zone != east', 'nodeLabel', '!=', 'east'],
    ['engine.labels.gpu==NVIDIA', 'engineLabel', '==', 'nvidia'],
    ['NODE.HOSTNAME==web-1', 'hostname', '==', 'web-1'],
    ['node.platform.arch==arm64', 'arch', '==', 'arm64'],
  ])('parses "%s"', (expression, kind, operator, value) => {
    const result = parseConstraint(expression);
    expect(result.ok && result.value).toMatchObject({ attribute: { kind }, operator, value });
  });

  it.each([
    [
      'node.role=manager',
      'Cannot parse constraint "node.role=manager": missing operator "==" or "!="',
    ],
    ['node.zone==east', 'unknown attribute "node.zone"'],
    ['==east', 'Cannot parse constraint "==east": missing attribute'],
    ['node.labels.==east', 'missing label name after "node.labels."'],
    ['node.role==', 'Cannot parse constraint "node.role==": missing value'],
    ['node.role==a b', 'invalid value "a b"'],
    ['no de==x', 'invalid attribute "no de"'],
  ])('rejects "%s" naming the expression', (expression, message) => {
    const result = parseConstraint(expression);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.issue.expression).toBe(expression);
      expect(result.issue.message).toContain(message);
    }
  });

  it('lists every bad expression of a list', () => {
    const result = parseConstraints(['node.role==manager', 'x', 'node.foo==1']);
    expect(result.ok ? [] : result.issues.map((i) => i.expression)).toEqual(['x', 'node.foo==1']);
  });
});

describe('parsePreference()', () => {
  it('accepts a label and rejects an unknown attribute', () => {
    expect(parsePreference('node.labels.zone')).toEqual({
      ok: true,
      value: { kind: 'nodeLabel', name: 'zone' },
    });
    const bad = parsePreference('zone');
    expect(bad.ok ? '' : bad.issue.message).toMatch(
      /^Cannot parse placement preference "zone": unknown attribute "zone"/,
    );
  });
});

describe('matchConstraint()', () => {
  it.each([
    ['node.id==n1', true],
    ['node.id!=n1', false],
    ['node.hostname==web-1', true],
    ['node.role==worker', false],
    ['node.labels.zone==east', true],
    ['node.labels.disk.type==ssd', true],
    ['node.labels.missing==x', false],
    ['node.labels.missing!=x', true],
    ['engine.labels.gpu==nvidia', true],
    ['engine.labels.gpu!=nvidia', false],
    ['node.platform.os==linux', true],
    ['node.platform.arch==amd64', false],
  ])('"%s" on the node is %s', (expression, expected) => {
    const parsed = parseConstraint(expression);
    expect(parsed.ok && matchConstraint(parsed.value, node)).toBe(expected);
  });
});
