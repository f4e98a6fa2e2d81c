/**
 * `tsorch down` (and `stack rm`): removes a deployed stack in reverse dependency order. A
 * service is removed only after every service depending on it is removed and its tasks have
 * stopped (Docker Compose stops dependents first); then the stack's networks, secrets and
 * configs go, and its volumes with `volumes` (`down -v`). The order comes from the services'
 * depends_on label, so no compose file is needed.
 *
 * @module
 */
import { isTerminal } from '../../store/index.js';
import { TsorchError } from '../../util/errors.js';
import type { DeployEvent } from './deploy.js';
import { COMPOSE_DEPENDS_ON_LABEL, COMPOSE_SERVICE_LABEL, parseDependsOn } from './names.js';
import type { DeployedStack } from './plan.js';
import type { StackTarget } from './target.js';
import { TaskBoard } from './task-board.js';
import { STACK_NAMESPACE_LABEL } from '../../store/index.js';

/** Options of {@link removeStack}. */
export interface RemoveOptions {
  signal: AbortSignal;
  /** Also remove the stack's volumes (`down -v`). */
  volumes?: boolean;
  /** Only these compose services (`down web`); the stack's networks and the rest stay then. */
  only?: readonly string[];
  onEvent?: (event: DeployEvent) => void;
}

/** What a removal did, by kind: the names removed. */
export interface RemoveResult {
  services: string[];
  networks: string[];
  volumes: string[];
  secrets: string[];
  configs: string[];
}

/**
 * Removes stack `namespace` as `deployed` shows it.
 *
 * @throws {TsorchError} NOT_FOUND when the cluster has nothing of the stack, or what the
 *   target throws.
 */
export async function removeStack(
  namespace: string,
  deployed: DeployedStack,
  target: StackTarget,
  options: RemoveOptions,
): Promise<RemoveResult> {
  const inStack = (labels: Record<string, string>): boolean =>
    labels[STACK_NAMESPACE_LABEL] === namespace;
  const services = deployed.services.filter((s) => inStack(s.spec.labels));
  const result: RemoveResult = {
    services: [],
    networks: [],
    volumes: [],
    secrets: [],
    configs: [],
  };
  const owned = {
    networks: deployed.networks.filter((o) => inStack(o.spec.labels)),
    volumes: options.volumes === true ? deployed.volumes.filter((o) => inStack(o.spec.labels)) : [],
    secrets: deployed.secrets.filter((o) => inStack(o.spec.labels)),
    configs: deployed.configs.filter((o) => inStack(o.spec.labels)),
  };
  if (services.length === 0 && Object.values(owned).every((l) => l.length === 0))
    throw new TsorchError('NOT_FOUND', `Nothing found in stack "${namespace}"`);
  const emit = (e: DeployEvent): void => options.onEvent?.(e);
  const name = (labels: Record<string, string>, fallback: string): string =>
    labels[COMPOSE_SERVICE_LABEL] ?? fallback;
  const only = options.only === undefined ? undefined : new Set(options.only);
  const chosen = services.filter(
    (s) => only === undefined || only.has(name(s.spec.labels, s.spec.name)),
  );

  const board = new TaskBoard();
  const local = new AbortController();
  const abort = (): void => local.abort(options.signal.reason);
  options.signal.addEventListener('abort', abort, { once: true });
  const watching = (async () => {
    try {
      for await (const tasks of target.watchTasks(namespace, local.signal)) board.update(tasks);
    } catch (err) {
      if (local.signal.aborted) return;
      board.close(`cannot watch the tasks: ${err instanceof Error ? err.message : String(err)}`);
      throw err;
    }
  })();
  // Its failure reaches the caller through the waits it closes, and again in `finally`.
  watching.catch(() => undefined);
  try {
    const byName = new Map(chosen.map((s) => [name(s.spec.labels, s.spec.name), s]));
    const dependents = new Map<string, string[]>();
    for (const [n, s] of byName)
      for (const dep of parseDependsOn(s.spec.labels[COMPOSE_DEPENDS_ON_LABEL]))
        dependents.set(dep, [...(dependents.get(dep) ?? []), n]);
    const removing = new Map<string, Promise<void>>();
    const remove = (n: string): Promise<void> => {
      let p = removing.get(n);
      if (p === undefined) {
        p = (async () => {
          // Dependents first; the labels come from a loaded project, which has no cycles.
          await Promise.all((dependents.get(n) ?? []).filter((d) => byName.has(d)).map(remove));
          const s = byName.get(n);
          if (s === undefined) return;
          emit({ object: 'service', name: n, status: 'removing' });
          await target.removeService(s.id);
          await board.until(
            (tasks) =>
              tasks.some((t) => t.serviceId === s.id && !isTerminal(t.state)) ? 'wait' : 'done',
            local.signal,
            (reason) => new TsorchError('INTERNAL', reason),
          );
          emit({ object: 'service', name: n, status: 'removed' });
          result.services.push(n);
        })();
        removing.set(n, p);
      }
      return p;
    };
    await Promise.all([...byName.keys()].sort().map(remove));
    if (only !== undefined) return result;
    const each = async (
      kind: 'network' | 'volume' | 'secret' | 'config',
      list: readonly { id: string; spec: { name: string } }[],
      rm: (id: string) => Promise<void>,
      into: string[],
    ): Promise<void> => {
      for (const o of list) {
        emit({ object: kind, name: o.spec.name, status: 'removing' });
        await rm(o.id);
        emit({ object: kind, name: o.spec.name, status: 'removed' });
        into.push(o.spec.name);
      }
    };
    await each('network', owned.networks, (id) => target.removeNetwork(id), result.networks);
    await each('secret', owned.secrets, (id) => target.removeSecret(id), result.secrets);
    await each('config', owned.configs, (id) => target.removeConfig(id), result.configs);
    await each('volume', owned.volumes, (id) => target.removeVolume(id), result.volumes);
    return result;
  } finally {
    options.signal.removeEventListener('abort', abort);
    local.abort(new Error('removal finished'));
    await watching;
  }
}
