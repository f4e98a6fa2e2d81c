/**
 * The options of `tsorch run`, as data: commander builds the command from this table
 * (commands/run.ts) and the start-up fast path parses with it (src/cli/run-fast.ts), so both
 * know the same flags. No import of commander here.
 *
 * @module
 */

/** One option: commander's flags string (`-e, --env <KEY=VALUE>`), help text, and how it parses. */
export interface RunOption {
  flags: string;
  description: string;
  /** Repeatable: values collect into a list. */
  repeatable?: true;
  defaultValue?: string;
}

/** Every option of `tsorch run`, in help order. */
export const runOptions: readonly RunOption[] = [
  { flags: '-d, --detach', description: 'run in the background and print the container id' },
  { flags: '--rm', description: 'remove the container when it exits' },
  { flags: '-i, --interactive', description: "keep the container's stdin open and attach it" },
  { flags: '-t, --tty', description: 'allocate a terminal for the container' },
  {
    flags: '--detach-keys <keys>',
    description: 'keys that detach from the container (default ctrl-p,ctrl-q)',
  },
  {
    flags: '-e, --env <KEY=VALUE>',
    description: 'set an environment variable (repeatable)',
    repeatable: true,
  },
  {
    flags: '-v, --volume <spec>',
    description: 'NAME:/path, /host:/path[:ro] or /path (repeatable)',
    repeatable: true,
  },
  { flags: '--tmpfs <path[:size=N]>', description: 'mount a tmpfs (repeatable)', repeatable: true },
  {
    flags: '-p, --publish <spec>',
    description: 'publish [IP:][HOST_PORT:]CONTAINER_PORT[/udp], ranges too (repeatable)',
    repeatable: true,
  },
  { flags: '--name <name>', description: 'container name' },
  { flags: '-m, --memory <bytes>', description: 'memory limit, e.g. 64m' },
  { flags: '--memory-reservation <bytes>', description: 'memory soft limit' },
  { flags: '--memory-swap <bytes>', description: 'memory + swap limit; -1 for unlimited swap' },
  { flags: '--cpus <n>', description: 'CPU quota in CPUs, e.g. 0.5' },
  { flags: '--cpu-shares <n>', description: 'relative CPU weight' },
  { flags: '--cpuset-cpus <list>', description: 'CPUs allowed, e.g. 0-1' },
  { flags: '--pids-limit <n>', description: 'most processes in the container' },
  { flags: '-u, --user <user[:group]>', description: 'user to run as' },
  { flags: '-w, --workdir <dir>', description: 'working directory' },
  { flags: '--entrypoint <cmd>', description: 'replace the image entrypoint' },
  { flags: '--read-only', description: 'mount the root filesystem read-only' },
  {
    flags: '--cap-add <cap>',
    description: 'add a capability (repeatable; ALL)',
    repeatable: true,
  },
  {
    flags: '--cap-drop <cap>',
    description: 'drop a capability (repeatable; ALL)',
    repeatable: true,
  },
  { flags: '--privileged', description: 'all capabilities, no seccomp, all devices' },
  {
    flags: '--init',
    description: 'run an init process as PID 1 (reaps zombies, forwards signals)',
  },
  { flags: '--hostname <name>', description: 'container host name' },
  {
    flags: '--network <name>',
    description: 'bridge (default), none, host, or a network (repeatable: several networks)',
    repeatable: true,
  },
  {
    flags: '--network-alias <alias>',
    description: 'another name on the first network (repeatable)',
    repeatable: true,
  },
  { flags: '--ip <address>', description: 'IPv4 address on the first network' },
  { flags: '--mac-address <mac>', description: 'MAC address on the first network' },
  {
    flags: '--restart <policy>',
    description: 'no, on-failure[:N], always, unless-stopped',
    defaultValue: 'no',
  },
  { flags: '-l, --label <KEY=VALUE>', description: 'set a label (repeatable)', repeatable: true },
  {
    flags: '--ulimit <name=soft[:hard]>',
    description: 'set a ulimit (repeatable)',
    repeatable: true,
  },
  {
    flags: '--sysctl <KEY=VALUE>',
    description: 'set a namespaced sysctl (repeatable)',
    repeatable: true,
  },
  {
    flags: '--log-opt <KEY=VALUE>',
    description: 'json-file log option: max-size=10m, max-file=3 (repeatable)',
    repeatable: true,
  },
  { flags: '--stop-signal <signal>', description: 'signal that stops the container' },
  { flags: '--stop-timeout <s>', description: 'seconds between the stop signal and SIGKILL' },
  { flags: '--health-cmd <cmd>', description: 'health check command (run with /bin/sh -c)' },
  { flags: '--health-interval <d>', description: 'time between checks, e.g. 30s' },
  { flags: '--health-timeout <d>', description: 'time one check may take' },
  { flags: '--health-retries <n>', description: 'failures in a row that make it unhealthy' },
  {
    flags: '--health-start-period <d>',
    description: 'time during which failures do not count',
  },
  {
    flags: '--health-start-interval <d>',
    description: 'time between checks during the start period',
  },
  { flags: '--no-healthcheck', description: "disable the image's health check" },
  {
    flags: '--health-on-failure <action>',
    description: 'none, kill, restart or stop when unhealthy',
    defaultValue: 'none',
  },
];

/** The parts of a flags string: `-e, --env <KEY=VALUE>` → short `e`, long `env`, takes a value. */
export function optionParts(flags: string): { short?: string; long: string; value: boolean } {
  const m = /^(?:-([a-zA-Z]), )?--([a-z][a-z-]*)(?: <[^>]+>)?$/.exec(flags);
  if (m?.[2] === undefined) throw new Error(`malformed option flags "${flags}"`);
  return {
    ...(m[1] === undefined ? {} : { short: m[1] }),
    long: m[2],
    value: flags.endsWith('>'),
  };
}
