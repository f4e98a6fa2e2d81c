import type { Command } from 'commander';
import type { CliIo } from '../io.js';

/** `tsorch image ls|inspect|load|save|tag|rm|prune|pull|push`. */
export function registerImage(program: Command, io: CliIo): void {
  const image = program
    .command('image')
    .description('manage images: the node store, archives and registries');
  const run = async (
    verb: string,
    args: string[],
    opts: Record<string, unknown>,
  ): Promise<void> => {
    const { imageCommand } = await import('../images/actions.js');
    await imageCommand(io, verb, args, opts);
  };
  image
    .command('ls')
    .alias('list')
    .description('list images')
    .option('-q, --quiet', 'only print image IDs')
    .option('--format <format>', 'table, json or a template such as {{.name}}', 'table')
    .action((opts: Record<string, unknown>) => run('ls', [], opts));
  image
    .command('inspect')
    .description('show images as JSON')
    .argument('<images...>', 'name[:tag], name@digest or ID')
    .action((refs: string[]) => run('inspect', refs, {}));
  image
    .command('load')
    .description('load images from a docker-archive or OCI archive (tar or tar.gz)')
    .option('-i, --input <file>', 'archive to read (default: standard input)')
    .option('-q, --quiet', 'print less')
    .action((opts: Record<string, unknown>) => run('load', [], opts));
  image
    .command('save')
    .description('save images to an archive (docker-archive and OCI layout at once)')
    .argument('<images...>', 'images to save')
    .option('-o, --output <file>', 'archive to write (default: standard output)')
    .option('--gzip', 'compress the archive (default for .gz and .tgz names)')
    .action((refs: string[], opts: Record<string, unknown>) => run('save', refs, opts));
  image
    .command('tag')
    .description('give an image another name')
    .argument('<source>', 'existing image')
    .argument('<target>', 'new name[:tag]')
    .action((source: string, target: string) => run('tag', [source, target], {}));
  image
    .command('rm')
    .alias('remove')
    .description('remove tags, and images no tag or container uses')
    .argument('<images...>', 'images to remove')
    .option('-f, --force', 'untag images containers use; remove IDs with several tags')
    .action((refs: string[], opts: Record<string, unknown>) => run('rm', refs, opts));
  image
    .command('prune')
    .description('remove dangling images (every unused image with -a) and unused layers')
    .option('-a, --all', 'remove every image no container uses')
    .option('-f, --force', 'do not ask (tsorch never asks)')
    .action((opts: Record<string, unknown>) => run('prune', [], opts));
  image
    .command('pull')
    .description('pull an image from a registry')
    .argument('<image>', 'name[:tag] or name@digest')
    .option('--platform <os/arch>', 'platform to pick from a multi-platform image')
    .option('--insecure', 'use plain http (loopback registries always do)')
    .action((ref: string, opts: Record<string, unknown>) => run('pull', [ref], opts));
  image
    .command('push')
    .description('push an image to a registry')
    .argument('<image>', 'registry/name[:tag]')
    .option('-q, --quiet', 'print only the pushed reference, no progress')
    .option('--insecure', 'use plain http (loopback registries always do)')
    .action((ref: string, opts: Record<string, unknown>) => run('push', [ref], opts));
}
