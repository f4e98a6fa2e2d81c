/**
 * A build context directory as the tar stream `tsorch build` sends (Builder.BuildStream): the
 * files `.dockerignore` keeps (the Dockerfile and `.dockerignore` themselves always go, as
 * docker sends them), owned by root as docker's context archives are, symbolic links as links
 * (never followed), sockets, FIFOs and devices left out.
 *
 * @module
 */
import { createReadStream, promises as fs, type Stats } from 'node:fs';
import * as path from 'node:path';
import tar from 'tar-stream';
import { parseDockerignore, type IgnoreMatcher } from '../../util/dockerignore.js';
import { UsageError } from '../io.js';

type Header = Partial<tar.Header> & { name: string };

/** The entries of `dir`, depth first, as context-relative slash paths. */
async function* walk(
  dir: string,
  rel: string,
  keep: (rel: string, isDir: boolean) => { include: boolean; descend: boolean },
): AsyncGenerator<{ rel: string; abs: string; st: Stats }> {
  const names = (await fs.readdir(path.join(dir, rel))).sort();
  for (const name of names) {
    const r = rel === '' ? name : `${rel}/${name}`;
    const abs = path.join(dir, r);
    const st = await fs.lstat(abs);
    const k = keep(r, st.isDirectory());
    if (k.include) yield { rel: r, abs, st };
    if (st.isDirectory() && k.descend) yield* walk(dir, r, keep);
  }
}

function keeper(
  ignore: IgnoreMatcher,
  always: ReadonlySet<string>,
): (rel: string, isDir: boolean) => { include: boolean; descend: boolean } {
  return (rel, isDir) => {
    if (always.has(rel)) return { include: true, descend: isDir };
    const excluded = ignore.excludes(rel);
    // An excluded directory is still walked when a "!" pattern may take something back.
    return { include: !excluded, descend: isDir && (!excluded || ignore.hasExceptions) };
  };
}

async function addEntry(pack: tar.Pack, header: Header, file?: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const w = pack.entry(header, (err) => {
      if (err) reject(err);
      else resolve();
    });
    if (file !== undefined) createReadStream(file).on('error', reject).pipe(w);
  });
}

/**
 * Packs the context `dir` (the Dockerfile at `dockerfile`, relative to it).
 *
 * @throws {UsageError} for a `.dockerignore` pattern that does not parse.
 */
export async function* packContext(dir: string, dockerfile: string): AsyncGenerator<Buffer> {
  const text = await fs.readFile(path.join(dir, '.dockerignore'), 'utf8').catch(() => '');
  const { matcher, issues } = parseDockerignore(text);
  const issue = issues[0];
  if (issue !== undefined)
    throw new UsageError(`.dockerignore:${issue.line}: invalid pattern "${issue.pattern}"`);
  const always = new Set(['.dockerignore', dockerfile === '' ? 'Dockerfile' : dockerfile]);
  const pack = tar.pack();
  const producing = (async () => {
    for await (const e of walk(dir, '', keeper(matcher, always))) {
      const base = { name: e.rel, mode: e.st.mode & 0o7777, mtime: e.st.mtime, uid: 0, gid: 0 };
      if (e.st.isDirectory()) await addEntry(pack, { ...base, type: 'directory' });
      else if (e.st.isSymbolicLink())
        await addEntry(pack, { ...base, type: 'symlink', linkname: await fs.readlink(e.abs) });
      else if (e.st.isFile())
        await addEntry(pack, { ...base, type: 'file', size: e.st.size }, e.abs);
    }
    pack.finalize();
  })().catch((err: unknown) => {
    pack.destroy(err as Error);
  });
  for await (const chunk of pack) yield chunk as Buffer;
  await producing;
}
