/**
 * Facts about this process's mount namespace, read from /proc/self/mountinfo.
 *
 * @module
 */
import { promises as fs } from 'node:fs';

/** Decodes a mount point from /proc/self/mountinfo (octal escapes such as `\040`). */
export function unescapeMountinfo(field: string): string {
  return field.replace(/\\([0-7]{3})/g, (_m, oct: string) => String.fromCharCode(parseInt(oct, 8)));
}

/** True when `target` is a mount point in this mount namespace. */
export async function isMounted(target: string): Promise<boolean> {
  const info = await fs.readFile('/proc/self/mountinfo', 'utf8');
  for (const line of info.split('\n')) {
    const field = line.split(' ')[4];
    if (field !== undefined && unescapeMountinfo(field) === target) return true;
  }
  return false;
}
