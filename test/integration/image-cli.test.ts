import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startTestDaemon, tsorchCommand, type TestDaemon } from '../helpers/daemon.js';
import { requireRoot, requireTool, useCleanup, waitFor } from '../helpers/host.js';
import { startRegistry, writeBusyboxArchive } from '../helpers/images.js';

describe('tsorch image commands through the daemon', () => {
  const cleanup = useCleanup();

  async function setup(
    ctx: Parameters<typeof requireRoot>[0],
  ): Promise<{ d: TestDaemon; dir: string; env: Record<string, string> }> {
    requireRoot(ctx);
    requireTool(ctx, 'setfattr', 'docker-registry');
    const dir = await fs.mkdtemp(path.join(tmpdir(), 'tsorch-imgcli-'));
    cleanup.push(() => fs.rm(dir, { recursive: true, force: true }));
    const d = await startTestDaemon(cleanup);
    return { d, dir, env: { TSORCH_CONFIG: path.join(dir, 'config') } };
  }

  it('loads, lists, inspects, tags, saves, removes and prunes images', async (ctx) => {
    const { d, dir } = await setup(ctx);
    const docker = await writeBusyboxArchive(path.join(dir, 'bb.tar'), { format: 'docker' });
    const oci = path.join(dir, 'bb-oci.tar.gz');
    await writeBusyboxArchive(oci, {
      format: 'oci',
      gzip: true,
      gzipLayers: true,
      tag: 'bb/oci:1',
    });
    let r = await d.cli(['image', 'load', '-i', path.join(dir, 'bb.tar')]);
    expect(r, r.stderr).toMatchObject({ code: 0, stdout: 'Loaded image: busybox:test\n' });
    r = await d.cli(['image', 'load', '-i', oci]);
    expect(r.stdout).toBe('Loaded image: bb/oci:1\n');
    r = await d.cli(['image', 'ls']);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^REPOSITORY\s+TAG\s+IMAGE ID\s+CREATED\s+SIZE$/);
    expect(lines.slice(1).map((l) => l.split(/\s{3,}/).slice(0, 3))).toEqual([
      ['busybox', 'test', docker.id.slice(7, 19)],
      ['bb/oci', '1', docker.id.slice(7, 19)],
    ]);
    r = await d.cli(['image', 'ls', '--format', 'json']);
    const listed = JSON.parse(r.stdout) as { id: string; repoTags: string[]; sizeBytes: number }[];
    expect(listed).toHaveLength(1);
    expect(listed[0]?.sizeBytes).toBeGreaterThan(1_000_000);
    r = await d.cli(['image', 'inspect', 'busybox:test']);
    expect((JSON.parse(r.stdout) as { config: { Cmd: string[] } }[])[0]?.config.Cmd).toEqual([
      'sh',
    ]);
    expect((await d.cli(['image', 'tag', 'busybox:test', 'mine:v1'])).code).toBe(0);
    const out = path.join(dir, 'out.tar');
    r = await d.cli(['image', 'save', '-o', out, 'mine:v1']);
    expect(r.code, r.stderr).toBe(0);
    expect((await fs.stat(out)).size).toBeGreaterThan(1_000_000);
    r = await d.cli(['image', 'rm', docker.id]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^Error: Cannot remove image "sha256:[0-9a-f]+": it is referenced by 3 tags/,
    );
    for (const t of ['busybox:test', 'bb/oci:1'])
      expect((await d.cli(['image', 'rm', t])).stdout).toBe(`Untagged: ${t}\n`);
    r = await d.cli(['image', 'rm', 'mine:v1']);
    expect(r.stdout).toBe(`Untagged: mine:v1\nDeleted: ${docker.id}\n`);
    r = await d.cli(['image', 'inspect', 'mine:v1']);
    expect(r).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/^Error: No such image: "mine:v1"\nHint: /) as unknown,
    });
    r = await d.cli(['image', 'load', '-i', out]);
    expect(r.stdout).toBe('Loaded image: mine:v1\n');
    await d.cli(['image', 'tag', 'mine:v1', 'other:v1']);
    await d.cli(['image', 'rm', 'mine:v1']);
    r = await d.cli(['image', 'prune', '-a']);
    expect(r.stdout).toMatch(
      /^Deleted Images:\ndeleted: sha256:[0-9a-f]{64}\n\nTotal reclaimed space: 2.02MB\n$/,
    );
    expect((await d.cli(['image', 'ls', '-q'])).stdout).toBe('');
    r = await d.cli(['image', 'load', '-i', path.join(dir, 'missing.tar')]);
    expect(r).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('Error: Cannot open the image archive') as unknown,
    });
  });

  it('keeps images across a daemon restart, even after kill -9', async (ctx) => {
    const { d, dir } = await setup(ctx);
    const written = await writeBusyboxArchive(path.join(dir, 'bb.tar'), { format: 'docker' });
    expect((await d.cli(['image', 'load', '-i', path.join(dir, 'bb.tar')])).code).toBe(0);
    await d.kill9();
    await d.restart();
    // restart() can return on the old socket file and log line: wait for the new daemon to answer.
    const r = await waitFor(
      'the restarted daemon',
      async () => {
        const res = await d.cli(['image', 'inspect', 'busybox:test']);
        return res.code === 0 || !res.stderr.includes('Cannot connect') ? res : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    );
    expect(r.code, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as { id: string }[])[0]?.id).toBe(written.id);
  });

  it('saves to standard output and loads from standard input', async (ctx) => {
    const { d, dir } = await setup(ctx);
    const written = await writeBusyboxArchive(path.join(dir, 'bb.tar'), { format: 'oci' });
    const sh = async (
      script: string,
      args: string[],
    ): Promise<{ code: number; stderr: string }> => {
      const { cmd, args: base } = tsorchCommand(args);
      return new Promise((resolve) => {
        execFile(
          'sh',
          ['-c', script, 'sh', cmd, ...base],
          { env: { ...process.env, ...d.env } },
          (err, _out, stderr) => {
            resolve({ code: err === null ? 0 : ((err as { code?: number }).code ?? 1), stderr });
          },
        );
      });
    };
    let r = await sh(`"$@" < ${path.join(dir, 'bb.tar')}`, ['image', 'load']);
    expect(r.code, r.stderr).toBe(0);
    const out = path.join(dir, 'piped.tar.gz');
    r = await sh(`"$@" > ${out}`, ['image', 'save', '--gzip', 'busybox:test']);
    expect(r.code, r.stderr).toBe(0);
    const head = await fs.readFile(out);
    expect([head[0], head[1]]).toEqual([0x1f, 0x8b]);
    expect((await d.cli(['image', 'rm', 'busybox:test'])).code).toBe(0);
    r = await sh(`cat ${out} | "$@"`, ['image', 'load']);
    expect(r.code, r.stderr).toBe(0);
    const listed = JSON.parse((await d.cli(['image', 'ls', '--format', 'json'])).stdout) as {
      id: string;
    }[];
    expect(listed.map((i) => i.id)).toEqual([written.id]);
    r = await sh(`echo not-an-archive | "$@"`, ['image', 'load']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^Error: /);
    // A cut-off archive, from a file or standard input, is named as truncated.
    const cut = path.join(dir, 'cut.tar');
    const whole = await fs.readFile(path.join(dir, 'bb.tar'));
    await fs.writeFile(cut, whole.subarray(0, Math.floor(whole.length / 2)));
    const truncated = /^Error: Cannot read the image archive "[^"]+": the file is truncated /;
    expect((await d.cli(['image', 'load', '-i', cut])).stderr).toMatch(truncated);
    r = await sh(`"$@" < ${cut}`, ['image', 'load']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^Error: Cannot read the image archive "standard input": the file/);
  });

  it('pushes to and pulls from a local registry with basic auth via login', async (ctx) => {
    const { d, dir, env } = await setup(ctx);
    const reg = await startRegistry(dir, { auth: { username: 'alice', password: 's3cret' } });
    cleanup.push(() => reg.stop());
    const ref = `${reg.host}/tools/busybox:1`;
    await writeBusyboxArchive(path.join(dir, 'bb.tar'), { format: 'docker', tag: ref });
    await d.cli(['image', 'load', '-i', path.join(dir, 'bb.tar')]);
    let r = await d.cli(['image', 'push', ref], { env });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      new RegExp(
        `^Error: Registry "${reg.host}" requires authentication .*\\nHint: Log in with \`tsorch login ${reg.host}\``,
      ),
    );
    r = await d.cli(['login', reg.host, '-u', 'alice', '-p', 'wrong'], { env });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/refused the credentials of "alice"/);
    r = await d.cli(['login', reg.host, '-u', 'alice', '--password-stdin'], {
      env,
      input: 's3cret\n',
    });
    expect(r, r.stderr).toMatchObject({ code: 0, stdout: 'Login Succeeded\n' });
    const cfg = path.join(env['TSORCH_CONFIG']!, 'config.json');
    expect((await fs.stat(cfg)).mode & 0o777).toBe(0o600);
    r = await d.cli(['image', 'push', ref], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/: Pushed\n/);
    expect(r.stdout).toMatch(/1: digest: sha256:[0-9a-f]{64} size: \d+\n$/);
    // -q: no progress, only the pushed reference (as `docker push -q`).
    r = await d.cli(['image', 'push', '-q', ref], { env });
    expect(r, r.stderr).toMatchObject({ code: 0, stdout: `${ref}\n` });
    await d.cli(['image', 'rm', ref]);
    r = await d.cli(['image', 'pull', ref], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Pull complete');
    expect(r.stdout).toContain(`Status: Downloaded ${ref}`);
    r = await d.cli(['image', 'inspect', ref]);
    const img = (JSON.parse(r.stdout) as { repoDigests: string[] }[])[0];
    expect(img?.repoDigests[0]).toMatch(new RegExp(`^${reg.host}/tools/busybox@sha256:`));
    expect((await d.cli(['logout', reg.host], { env })).stdout).toBe(
      `Removing login credentials for ${reg.host}\n`,
    );
    r = await d.cli(['image', 'pull', `${reg.host}/tools/busybox:missing`], { env });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^Error: Registry ".*" requires authentication/);
  });
});
