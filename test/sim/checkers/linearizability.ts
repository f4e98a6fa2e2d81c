/**
 * A linearizability checker for a key-value history (Wing & Gong's algorithm with Lowe's
 * memoization, as in Porcupine), partitioned per key: put/get/cas touch one key, so a history is
 * linearizable iff each key's sub-history is.
 *
 * @module
 */

/** One client operation on a register. */
export type KvInput =
  | { op: 'put'; key: string; value: string }
  | { op: 'get'; key: string }
  | { op: 'cas'; key: string; expect: string | undefined; value: string };

/** What the client saw; undefined output = the operation never returned (timed out). */
export type KvOutput = { value: string | undefined } | { ok: boolean } | { done: true };

/** One operation with its invocation and response times (a total order of events). */
export interface KvOperation {
  client: number;
  input: KvInput;
  output: KvOutput | undefined;
  call: number;
  /** Response time; Infinity when the client never heard back. */
  ret: number;
}

/** The model: one register per key; returns the next state, or undefined when impossible. */
function step(
  state: string | undefined,
  input: KvInput,
  output: KvOutput | undefined,
): { s: string | undefined } | undefined {
  switch (input.op) {
    case 'put':
      return { s: input.value };
    case 'get':
      if (output === undefined) return { s: state };
      return 'value' in output && output.value === state ? { s: state } : undefined;
    case 'cas': {
      const matches = state === input.expect;
      if (output === undefined) return { s: matches ? input.value : state };
      if (!('ok' in output) || output.ok !== matches) return undefined;
      return { s: matches ? input.value : state };
    }
  }
}

interface Node {
  op: number; // index into ops
  isCall: boolean;
  match: Node | undefined; // call → its return
  prev: Node | undefined;
  next: Node | undefined;
}

/** Result of a check: ok, or the key whose history cannot be linearized. */
export type LinearizabilityResult =
  { ok: true; keys: number; ops: number } | { ok: false; key: string; ops: KvOperation[] };

/** Checks a whole history, one key at a time. */
export function checkLinearizable(
  history: KvOperation[],
  initial: ReadonlyMap<string, string> = new Map(),
): LinearizabilityResult {
  const byKey = new Map<string, KvOperation[]>();
  for (const op of history) {
    // A read that never returned constrains nothing.
    if (op.input.op === 'get' && op.output === undefined) continue;
    const list = byKey.get(op.input.key);
    if (list) list.push(op);
    else byKey.set(op.input.key, [op]);
  }
  for (const [key, ops] of byKey) {
    if (!checkSingle(ops, initial.get(key))) return { ok: false, key, ops };
  }
  return { ok: true, keys: byKey.size, ops: history.length };
}

/** Bound on search steps per key, so a pathological history fails instead of hanging. */
const maxSearchSteps = 5_000_000;

function checkSingle(ops: KvOperation[], initial: string | undefined): boolean {
  type Ev = { t: number; isCall: boolean; op: number };
  const evs: Ev[] = [];
  ops.forEach((o, i) => {
    evs.push({ t: o.call, isCall: true, op: i });
    evs.push({ t: o.ret, isCall: false, op: i });
  });
  // Calls sort before returns at equal times (they are concurrent then).
  evs.sort((a, b) =>
    a.t < b.t ? -1 : a.t > b.t ? 1 : a.isCall === b.isCall ? a.op - b.op : a.isCall ? -1 : 1,
  );
  const head: Node = { op: -1, isCall: false, match: undefined, prev: undefined, next: undefined };
  let tail = head;
  const calls = new Map<number, Node>();
  for (const e of evs) {
    const n: Node = { op: e.op, isCall: e.isCall, match: undefined, prev: tail, next: undefined };
    tail.next = n;
    tail = n;
    if (e.isCall) calls.set(e.op, n);
    else {
      const c = calls.get(e.op);
      if (c) c.match = n;
    }
  }
  const words = Math.ceil(ops.length / 32);
  const linearized = new Uint32Array(words);
  const cache = new Set<string>();
  const stack: { node: Node; state: string | undefined }[] = [];
  let state = initial;
  let entry = head.next;
  const lift = (n: Node): void => {
    // Removes a call and its return from the list.
    (n.prev as Node).next = n.next;
    if (n.next) n.next.prev = n.prev;
    const m = n.match as Node;
    (m.prev as Node).next = m.next;
    if (m.next) m.next.prev = m.prev;
  };
  const unlift = (n: Node): void => {
    const m = n.match as Node;
    (m.prev as Node).next = m;
    if (m.next) m.next.prev = m;
    (n.prev as Node).next = n;
    if (n.next) n.next.prev = n;
  };
  for (let steps = 0; head.next !== undefined; steps++) {
    if (steps > maxSearchSteps) throw new Error('linearizability check exceeded its step bound');
    if (entry === undefined) return false;
    if (entry.isCall) {
      const op = ops[entry.op] as KvOperation;
      const r = step(state, op.input, op.output);
      if (r !== undefined) {
        linearized[entry.op >>> 5] =
          (linearized[entry.op >>> 5] as number) | (1 << (entry.op & 31));
        const key = `${Array.from(linearized).join(',')}|${r.s ?? '\u0000'}`;
        if (!cache.has(key)) {
          cache.add(key);
          stack.push({ node: entry, state });
          state = r.s;
          lift(entry);
          entry = head.next;
          continue;
        }
        linearized[entry.op >>> 5] =
          (linearized[entry.op >>> 5] as number) & ~(1 << (entry.op & 31));
      }
      entry = entry.next;
    } else {
      // A return whose call is not linearized yet: backtrack.
      const top = stack.pop();
      if (top === undefined) return false;
      state = top.state;
      linearized[top.node.op >>> 5] =
        (linearized[top.node.op >>> 5] as number) & ~(1 << (top.node.op & 31));
      unlift(top.node);
      entry = top.node.next;
    }
  }
  return true;
}
