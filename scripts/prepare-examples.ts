/**
 * `npx tsx scripts/prepare-examples.ts`: the documented step before building the examples.
 * Their images start FROM scratch and take the host's busybox-static binary, copied by this
 * script into every build context under examples/ whose Dockerfile has `COPY busybox`. No
 * registry and no download is involved. Needs Debian's busybox-static (scripts/setup-host.sh).
 */
import { copyFileSync, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const examples = join(import.meta.dirname, '..', 'examples');
const candidates = ['/bin/busybox', '/usr/bin/busybox'];

/** Every directory under `dir` holding a Dockerfile that copies busybox in. */
export function busyboxContexts(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (!statSync(path).isDirectory()) continue;
    const dockerfile = join(path, 'Dockerfile');
    if (existsSync(dockerfile) && /^COPY busybox /m.test(readFileSync(dockerfile, 'utf8')))
      out.push(path);
    out.push(...busyboxContexts(path));
  }
  return out.sort();
}

/** Whether a 64-bit little-endian ELF file asks for a dynamic loader (a PT_INTERP header). */
export function hasInterpreter(elf: Buffer): boolean {
  if (elf.readUInt32BE(0) !== 0x7f454c46) return true;
  const phoff = Number(elf.readBigUInt64LE(0x20));
  const size = elf.readUInt16LE(0x36);
  const count = elf.readUInt16LE(0x38);
  for (let i = 0; i < count; i++) if (elf.readUInt32LE(phoff + i * size) === 3) return true;
  return false;
}

function main(): void {
  const busybox = candidates.find((p) => existsSync(p));
  if (busybox === undefined) {
    process.stderr.write('Error: busybox-static is not installed: run scripts/setup-host.sh\n');
    process.exit(1);
  }
  // A dynamically linked busybox would not run in a FROM scratch image.
  if (hasInterpreter(readFileSync(busybox))) {
    process.stderr.write(`Error: "${busybox}" is not statically linked: install busybox-static\n`);
    process.exit(1);
  }
  for (const context of busyboxContexts(examples)) {
    copyFileSync(busybox, join(context, 'busybox'));
    process.stdout.write(`copied ${busybox} into ${context}\n`);
  }
}

if (process.argv[1] === import.meta.filename) main();
