import type { Command } from 'commander';
import type { CliIo } from '../io.js';
import type { RunFlags } from '../containers/run-spec.js';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** `tsorch run`: creates and starts a container from an image. */
export function registerRun(program: Command, io: CliIo): void {
  // Flags after the image belong to the container's command (docker's rule).
  program.enablePositionalOptions();
  program
    .command('run')
    .description('create and start a container from an image; attached unless -d')
    .argument('<image>', 'image reference (name[:tag], name@digest or id)')
    .argument('[command...]', 'command and arguments (replaces the image Cmd)')
    .passThroughOptions()
    .option('-d, --detach', 'run in the background and print the container id')
    .option('--rm', 'remove the container when it exits')
    .option('-e, --env <KEY=VALUE>', 'set an environment variable (repeatable)', collect)
    .option('-v, --volume <spec>', 'NAME:/path, /host:/path[:ro] or /path (repeatable)', collect)
    .option('--tmpfs <path[:size=N]>', 'mount a tmpfs (repeatable)', collect)
    .option(
      '-p, --publish <spec>',
      'publish a port (recorded; needs the bridge driver) (repeatable)',
      collect,
    )
    .option('--name <name>', 'container name')
    .option('-m, --memory <bytes>', 'memory limit, e.g. 64m')
    .option('--memory-reservation <bytes>', 'memory soft limit')
    .option('--memory-swap <bytes>', 'memory + swap limit; -1 for unlimited swap')
    .option('--cpus <n>', 'CPU quota in CPUs, e.g. 0.5')
    .option('--cpu-shares <n>', 'relative CPU weight')
    .option('--cpuset-cpus <list>', 'CPUs allowed, e.g. 0-1')
    .option('--pids-limit <n>', 'most processes in the container')
    .option('-u, --user <user[:group]>', 'user to run as')
    .option('-w, --workdir <dir>', 'working directory')
    .option('--entrypoint <cmd>', 'replace the image entrypoint')
    .option('--read-only', 'mount the root filesystem read-only')
    .option('--cap-add <cap>', 'add a capability (repeatable; ALL)', collect)
    .option('--cap-drop <cap>', 'drop a capability (repeatable; ALL)', collect)
    .option('--privileged', 'all capabilities, no seccomp, all devices')
    .option('--init', 'run an init process as PID 1 (reaps zombies, forwards signals)')
    .option('--hostname <name>', 'container host name')
    .option('--network <mode>', 'none (loopback only, default) or host')
    .option('--restart <policy>', 'no, on-failure[:N], always, unless-stopped', 'no')
    .option('-l, --label <KEY=VALUE>', 'set a label (repeatable)', collect)
    .option('--ulimit <name=soft[:hard]>', 'set a ulimit (repeatable)', collect)
    .option('--sysctl <KEY=VALUE>', 'set a namespaced sysctl (repeatable)', collect)
    .option('--stop-signal <signal>', 'signal that stops the container')
    .option('--stop-timeout <s>', 'seconds between the stop signal and SIGKILL')
    .option('--health-cmd <cmd>', 'health check command (run with /bin/sh -c)')
    .option('--health-interval <d>', 'time between checks, e.g. 30s')
    .option('--health-timeout <d>', 'time one check may take')
    .option('--health-retries <n>', 'failures in a row that make it unhealthy')
    .option('--health-start-period <d>', 'time during which failures do not count')
    .option('--health-start-interval <d>', 'time between checks during the start period')
    .option('--no-healthcheck', "disable the image's health check")
    .option('--health-on-failure <action>', 'none, kill, restart or stop when unhealthy', 'none')
    .addHelpText(
      'after',
      '\nExamples:\n  tsorch run --rm busybox echo hello\n  tsorch run -d --name web -m 64m --cpus 0.5 busybox httpd -f\n  tsorch run --health-cmd "test -f /tmp/ok" --health-on-failure restart -d busybox sleep 1000',
    )
    .action(
      async (image: string, command: string[], flags: RunFlags & { healthcheck?: boolean }) => {
        const { runContainer } = await import('../containers/run-action.js');
        const f: RunFlags = { ...flags };
        if (flags.healthcheck === false) f.noHealthcheck = true;
        await runContainer(io, image, command, f);
      },
    );
}
