/**
 * The client side of `tsorch node`.
 *
 * @module
 */
import type { ListNodesResponse__Output } from '../../api/gen/tsorch/v1/ListNodesResponse.js';
import type { NodeInfo__Output } from '../../api/gen/tsorch/v1/NodeInfo.js';
import type { InspectNodeResponse__Output } from '../../api/gen/tsorch/v1/InspectNodeResponse.js';
import { UsageError, type CliIo } from '../io.js';
import { writeList } from '../output.js';
import { callSwarm } from '../swarm/actions.js';

/** The MANAGER STATUS column, as `docker node ls` shows it. */
export function managerStatus(n: NodeInfo__Output): string {
  if (n.reachability === '') return '';
  if (n.leader) return 'Leader';
  return n.reachability.charAt(0).toUpperCase() + n.reachability.slice(1);
}

const title = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** The rows of `node ls`. */
export function nodeRows(nodes: readonly NodeInfo__Output[]): string[][] {
  return nodes.map((n) => [
    n.self ? `${n.id} *` : n.id,
    n.hostname,
    title(n.state),
    title(n.availability),
    managerStatus(n),
  ]);
}

function parseLabelFlags(values: unknown, flag: string): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const v of (values as string[] | undefined) ?? []) {
    const i = v.indexOf('=');
    const key = i < 0 ? v : v.slice(0, i);
    if (key === '') throw new UsageError(`Invalid value for ${flag}: "${v}": empty key`);
    labels[key] = i < 0 ? '' : v.slice(i + 1);
  }
  return labels;
}

/** Runs one `node` verb. */
export async function nodeCommand(
  io: CliIo,
  verb: string,
  args: string[],
  opts: Record<string, unknown>,
): Promise<void> {
  switch (verb) {
    case 'ls': {
      const r = await callSwarm<ListNodesResponse__Output>(io, 'listNodes', {});
      if (opts['quiet'] === true) {
        for (const n of r.nodes) io.stdout.write(`${n.id}\n`);
        return;
      }
      const rows = new Map(r.nodes.map((n, i) => [n, nodeRows(r.nodes)[i] ?? []]));
      writeList(io.stdout, r.nodes, opts['format'] as string | undefined, {
        header: ['ID', 'HOSTNAME', 'STATUS', 'AVAILABILITY', 'MANAGER STATUS'],
        row: (n) => rows.get(n) ?? [],
      });
      return;
    }
    case 'inspect': {
      const out: NodeInfo__Output[] = [];
      for (const ref of args) {
        const r = await callSwarm<InspectNodeResponse__Output>(io, 'inspectNode', { ref });
        if (r.node !== null) out.push(r.node);
      }
      io.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
      return;
    }
    case 'update': {
      const availability = typeof opts['availability'] === 'string' ? opts['availability'] : '';
      const role = typeof opts['role'] === 'string' ? opts['role'] : '';
      await callSwarm(io, 'updateNode', {
        ref: args[0] ?? '',
        availability,
        role,
        labelAdd: parseLabelFlags(opts['labelAdd'], '--label-add'),
        labelRm: (opts['labelRm'] as string[] | undefined) ?? [],
        force: opts['force'] === true,
      });
      io.stdout.write(`${args[0] ?? ''}\n`);
      return;
    }
    case 'promote':
    case 'demote': {
      const role = verb === 'promote' ? 'manager' : 'worker';
      for (const ref of args) {
        await callSwarm(io, 'updateNode', { ref, role, force: opts['force'] === true });
        io.stdout.write(`Node ${ref} ${verb}d to a ${role} in the swarm.\n`);
      }
      return;
    }
    case 'rm': {
      for (const ref of args) {
        await callSwarm(io, 'removeNode', { ref, force: opts['force'] === true });
        io.stdout.write(`${ref}\n`);
      }
      return;
    }
    default:
      throw new UsageError(`Unknown node command "${verb}"`);
  }
}
