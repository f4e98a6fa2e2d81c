/**
 * Network and sandbox records on disk: `<root>/networks/net/<id>.json` and
 * `<root>/networks/sandbox/<containerId>.json`, each written atomically (tmp + rename). A record
 * is written before the kernel objects it names are made and deleted after they are gone, so
 * after a crash the records list everything the node may have left in the kernel.
 *
 * @module
 */
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { NetworkRecord, SandboxRecord } from './types.js';

type Kind = 'net' | 'sandbox';

/** The JSON files of one node's networks. */
export class NetworkFiles {
  constructor(private readonly root: string) {}

  private dir(kind: Kind): string {
    return join(this.root, 'networks', kind);
  }

  private async write(kind: Kind, id: string, value: unknown): Promise<void> {
    const dir = this.dir(kind);
    await fs.mkdir(dir, { recursive: true, mode: 0o700 });
    const tmp = join(dir, `.${id}.json.tmp`);
    await fs.writeFile(tmp, JSON.stringify(value, null, 2), { mode: 0o600 });
    await fs.rename(tmp, join(dir, `${id}.json`));
  }

  private async readAll<T>(
    kind: Kind,
    onError: (file: string, err: unknown) => void,
  ): Promise<T[]> {
    let names: string[];
    try {
      names = await fs.readdir(this.dir(kind));
    } catch {
      return [];
    }
    const out: T[] = [];
    for (const name of names.sort()) {
      if (!name.endsWith('.json') || name.startsWith('.')) continue;
      try {
        out.push(JSON.parse(await fs.readFile(join(this.dir(kind), name), 'utf8')) as T);
      } catch (err) {
        onError(name, err);
      }
    }
    return out;
  }

  saveNetwork(net: NetworkRecord): Promise<void> {
    return this.write('net', net.id, net);
  }

  async deleteNetwork(id: string): Promise<void> {
    await fs.rm(join(this.dir('net'), `${id}.json`), { force: true });
  }

  loadNetworks(onError: (file: string, err: unknown) => void): Promise<NetworkRecord[]> {
    return this.readAll('net', onError);
  }

  saveSandbox(sb: SandboxRecord): Promise<void> {
    return this.write('sandbox', sb.containerId, sb);
  }

  async deleteSandbox(containerId: string): Promise<void> {
    await fs.rm(join(this.dir('sandbox'), `${containerId}.json`), { force: true });
  }

  loadSandboxes(onError: (file: string, err: unknown) => void): Promise<SandboxRecord[]> {
    return this.readAll('sandbox', onError);
  }
}
