import { createReadStream, promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import tar from 'tar-stream';
import { afterEach, describe, expect, it } from 'vitest';
import { writeLayerTar } from './layer-tar.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await fs.rm(d, { recursive: true, force: true });
});

async function entries(file: string): Promise<string[]> {
  const out: string[] = [];
  const extract = tar.extract();
  createReadStream(file).pipe(extract);
  for await (const entry of extract) {
    let body = '';
    for await (const chunk of entry) body += (chunk as Buffer).toString();
    const h = entry.header;
    const tail = h.type === 'file' || h.type === 'directory' ? body : h.linkname;
    out.push(`${h.type} ${h.name} ${h.mode.toString(8)} ${tail}`);
  }
  return out;
}

describe('writeLayerTar()', () => {
  it('stores links as links and file contents from inside the layer only', async () => {
    const base = await fs.mkdtemp(path.join(tmpdir(), 'tsorch-layertar-'));
    dirs.push(base);
    const layer = path.join(base, 'layer');
    await fs.mkdir(path.join(layer, 'bin'), { recursive: true });
    await fs.writeFile(path.join(base, 'secret'), 'HOST\n');
    await fs.writeFile(path.join(layer, 'bin', 'su'), 'su\n');
    await fs.chmod(path.join(layer, 'bin', 'su'), 0o4755);
    await fs.link(path.join(layer, 'bin', 'su'), path.join(layer, 'bin', 'su2'));
    await fs.symlink(path.join(base, 'secret'), path.join(layer, 'host'));
    await fs.symlink(base, path.join(layer, 'hostdir'));
    const out = path.join(base, 'layer.tar');
    await writeLayerTar(layer, out);
    expect(await entries(out)).toEqual([
      'directory bin/ 755 ',
      'file bin/su 4755 su\n',
      'link bin/su2 4755 bin/su',
      `symlink host 777 ${path.join(base, 'secret')}`,
      `symlink hostdir 777 ${base}`,
    ]);
  });
});
