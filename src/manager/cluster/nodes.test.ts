import { describe, expect, it } from 'vitest';
import { LocalProposer, Store, type Node } from '../../store/index.js';
import { makeNode } from '../../store/testing.js';
import { hasCode } from '../../util/errors.js';
import { parseLabels, patchNode, resolveNode } from './nodes.js';

async function storeWith(...nodes: ReturnType<typeof makeNode>[]): Promise<Store> {
  const store = new Store();
  store.setProposer(new LocalProposer(store));
  await store.update((tx) => {
    for (const n of nodes) tx.create('nodes', n);
  });
  return store;
}

describe('resolveNode()', () => {
  it('finds a node by id, unique prefix, hostname or "self"', async () => {
    const store = await storeWith(makeNode('abc111', 'alpha'), makeNode('abd222', 'beta'));
    const find = (ref: string): string => store.view((tx) => resolveNode(tx, ref, 'abd222').id);
    expect(find('abc111')).toBe('abc111');
    expect(find('abc')).toBe('abc111');
    expect(find('beta')).toBe('abd222');
    expect(find('self')).toBe('abd222');
  });

  it('refuses a missing or ambiguous reference', async () => {
    const store = await storeWith(makeNode('abc111', 'alpha'), makeNode('abd222', 'beta'));
    const err = (ref: string): unknown => {
      try {
        store.view((tx) => resolveNode(tx, ref, ''));
      } catch (e) {
        return e;
      }
      return undefined;
    };
    expect(hasCode(err('zzz'), 'NOT_FOUND')).toBe(true);
    expect((err('zzz') as Error).message).toBe('No such node: "zzz"');
    expect((err('ab') as Error).message).toBe(
      'Node reference "ab" is ambiguous: it matches 2 nodes',
    );
  });
});

describe('patchNode()', () => {
  const node = (): Node => ({
    ...makeNode('n1', 'host'),
    meta: { version: 1, createdAt: '', updatedAt: '' },
  });

  it('changes availability, role and labels, and leaves the original alone', () => {
    const before = node();
    before.spec.labels = { a: '1', b: '2' };
    const after = patchNode(before, {
      availability: 'drain',
      role: 'manager',
      labelAdd: { c: '3' },
      labelRm: ['a'],
    });
    expect(after.spec).toEqual({
      labels: { b: '2', c: '3' },
      role: 'manager',
      availability: 'drain',
    });
    expect(before.spec.labels).toEqual({ a: '1', b: '2' });
  });

  it.each([
    [
      { availability: 'off' },
      'Invalid value for --availability: "off": use active, pause or drain',
    ],
    [{ role: 'boss' }, 'Invalid value for --role: "boss": use manager or worker'],
    [{ labelRm: ['nope'] }, 'Invalid value for --label-rm: node "n1" has no label "nope"'],
  ])('refuses %j', (patch, message) => {
    expect(() => patchNode(node(), patch)).toThrow(message);
  });
});

describe('parseLabels()', () => {
  it('reads KEY=VALUE and KEY', () => {
    expect(parseLabels(['a=1', 'b', 'c=x=y'], '--label-add')).toEqual({ a: '1', b: '', c: 'x=y' });
  });
  it('refuses an empty key naming the flag', () => {
    expect(() => parseLabels(['=1'], '--label-add')).toThrow(
      'Invalid value for --label-add: "=1": empty key',
    );
  });
});
