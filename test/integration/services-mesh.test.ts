/**
 * The routing mesh on a real daemon (ADR 030): after `swarm init`, a service publishing
 * `18080:80` answers on the node's address from a client in a namespace of its own, and the
 * task sees that client's address (no SNAT); 127.0.0.1:18080 answers too.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { removeContainersOnCleanup, startTestDaemon, type TestDaemon } from '../helpers/daemon.js';
import { requireRoot, requireTool, useCleanup, waitFor } from '../helpers/host.js';
import { writeBusyboxBuildContext } from '../helpers/images.js';
import { netName, netnsFor, sh, testHostNet } from './net-harness.js';

const exec = promisify(execFile);

async function ok(d: TestDaemon, args: string[], timeoutMs = 60_000): Promise<string> {
  const r = await d.cli(args, { timeoutMs });
  if (r.code !== 0) throw new Error(`tsorch ${args.join(' ')} failed (${r.code}):\n${r.stderr}`);
  return r.stdout;
}

/** GET `url` from the namespace at `netnsPath` (the host's when undefined); undefined on failure. */
async function get(url: string, netnsPath?: string): Promise<string | undefined> {
  // No `wget -T`: busybox 1.35's crashes with it; the process is bounded here instead.
  const wget = ['busybox', 'wget', '-q', '-O', '-', url];
  const bounded = { timeout: 5_000 };
  try {
    const { stdout } =
      netnsPath === undefined
        ? await exec(wget[0] ?? 'busybox', wget.slice(1), bounded)
        : await exec('nsenter', [`--net=${netnsPath}`, '--', ...wget], bounded);
    return stdout.trim();
  } catch {
    return undefined;
  }
}

/** busybox httpd with a CGI answering the client's address. */
const server = [
  "trap 'exit 0' TERM",
  'mkdir -p /w/cgi-bin',
  "printf '#!/bin/sh\\necho Content-Type: text/plain\\necho\\necho $REMOTE_ADDR\\n' > /w/cgi-bin/a",
  'chmod +x /w/cgi-bin/a',
  'httpd -f -p 80 -h /w & wait',
].join('; ');

describe('routing mesh on a real daemon', () => {
  const cleanup = useCleanup();

  it('a published port answers a client on the node address, and the task sees the client', async (ctx) => {
    requireRoot(ctx);
    requireTool(ctx, 'runc', 'busybox', 'nsenter');
    const forwarding = '/proc/sys/net/ipv4/ip_forward';
    const before = await readFile(forwarding, 'utf8');
    cleanup.push(() => writeFile(forwarding, before));
    await writeFile(forwarding, '1');
    const d = await startTestDaemon(cleanup);
    removeContainersOnCleanup(cleanup, d);
    const context = mkdtempSync(join(tmpdir(), 'tsorch-mesh-'));
    cleanup.push(() => {
      rmSync(context, { recursive: true, force: true });
    });
    await writeBusyboxBuildContext(context);
    await ok(d, ['build', '-q', '-t', 'mesh/bb:1', context], 300_000);
    await ok(d, ['swarm', 'init', '--advertise-addr', '127.0.0.1']);
    cleanup.push(async () => {
      await d.cli(['service', 'rm', 'web']);
    });
    // A client with an address of its own, reaching the node through a veth.
    const net = testHostNet();
    const client = await netnsFor(net, cleanup, 'mc');
    const link = netName('mh');
    await net.attachVeth({
      hostName: link,
      netnsPath: client,
      address: '10.224.0.2/24',
      gateway: '10.224.0.1',
    });
    await sh('ip', 'addr', 'add', '10.224.0.1/24', 'dev', link);

    await ok(d, [
      'service',
      'create',
      '--name',
      'web',
      '-p',
      '18080:80',
      'mesh/bb:1',
      '--',
      'sh',
      '-c',
      server,
    ]);
    const seen = await waitFor(
      'the published port to answer the client',
      () => get('http://10.224.0.1:18080/cgi-bin/a', client),
      { timeoutMs: 60_000, intervalMs: 1_000 },
    ).catch(async (err: unknown) => {
      // What the node holds, for the failure's reader.
      const ps = await d.cli(['service', 'ps', 'web']);
      const rules = (await sh('iptables-save')).split('\n').filter((l) => l.includes('MESH'));
      console.log(`service ps:\n${ps.stdout}${ps.stderr}\nmesh rules:\n${rules.join('\n')}`);
      console.log(
        d
          .log()
          .split('\n')
          .filter((l) => /ingress|mesh|warn|error/i.test(l))
          .join('\n'),
      );
      throw err;
    });
    // busybox httpd listens on IPv6 too and prints IPv4 peers mapped: [::ffff:a.b.c.d].
    const ipv4 = (text: string | undefined): string | undefined =>
      /^(?:\[::ffff:)?(\d+\.\d+\.\d+\.\d+)\]?$/.exec(text ?? '')?.[1];
    expect(ipv4(seen)).toBe('10.224.0.2');
    expect(ipv4(await get('http://127.0.0.1:18080/cgi-bin/a'))).toBeDefined();
  });
});
