import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tar from 'tar-stream';
import { afterEach, describe, expect, it } from 'vitest';
import { packContext } from './context-tar.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function entries(dir: string, dockerfile = ''): Promise<string[]> {
  const extract = tar.extract();
  const done = (async () => {
    const out: string[] = [];
    for await (const e of extract) {
      const h = e.header;
      out.push(
        `${h.type} ${h.name}${h.type === 'symlink' ? ` -> ${h.linkname}` : ''} ${String(h.uid)}`,
      );
      e.resume();
    }
    return out;
  })();
  for await (const chunk of packContext(dir, dockerfile)) extract.write(chunk);
  extract.end(() => undefined);
  return done;
}

function context(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'tsorch-pack-'));
  dirs.push(dir);
  for (const [name, body] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), body);
  }
  return dir;
}

describe('packContext()', () => {
  it('sends what .dockerignore keeps, always the Dockerfile and .dockerignore, as root', async () => {
    const dir = context({
      Dockerfile: 'FROM x\n',
      '.dockerignore': 'Dockerfile\n.dockerignore\nlogs\n*.tmp\n!keep.tmp\n',
      'a.txt': 'a',
      'b.tmp': 'b',
      'keep.tmp': 'k',
      'logs/1.log': 'l',
    });
    symlinkSync('/etc/passwd', join(dir, 'link'));
    expect(await entries(dir)).toEqual([
      'file .dockerignore 0',
      'file Dockerfile 0',
      'file a.txt 0',
      'file keep.tmp 0',
      'symlink link -> /etc/passwd 0',
    ]);
  });

  it('walks an excluded directory when an exception may take something back', async () => {
    const dir = context({ 'logs/1.log': '1', 'logs/keep.log': 'k', 'f/Dockerfile': 'FROM x' });
    writeFileSync(join(dir, '.dockerignore'), 'logs\n!logs/keep.log\n');
    expect(await entries(dir, 'f/Dockerfile')).toEqual([
      'file .dockerignore 0',
      'directory f 0',
      'file f/Dockerfile 0',
      'file logs/keep.log 0',
    ]);
  });

  it('refuses a .dockerignore pattern that does not parse, naming its line', async () => {
    const dir = context({ Dockerfile: 'FROM x', '.dockerignore': 'ok\n[unclosed\n' });
    await expect(entries(dir)).rejects.toThrow('.dockerignore:2: invalid pattern "[unclosed"');
  });
});
