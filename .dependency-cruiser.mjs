// The layer rules of DESIGN.md §3, written once; `npm run lint` runs them (docs/adr/013).
// Layers, top to bottom: cli -> api -> domain -> util; daemon wires api and domain by role.
// Purity of the I/O-free cores (no node:*, timers, Math.random) is eslint's job: eslint.config.js.

/** Domain modules (DESIGN.md §3), each entered through its index.ts from outside. */
const domain = '(agent|image|store|raft|compose|manager|scheduler|net)';
/** Domain modules the CLI must not reach (compose parses files on the client, as docker does). */
const serverSide = '(agent|image|store|raft|manager|scheduler|net)';

/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'Imports form no cycle, type-only imports included: dependencies flow one way.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'domain-not-up',
      comment:
        'Domain modules never import cli, api, daemon, @grpc/* or the generated types ' +
        "(Raft's peer transport adapter in src/raft/transport excepted).",
      severity: 'error',
      from: { path: `^src/${domain}/`, pathNot: '^src/raft/transport/' },
      to: { path: ['^src/(cli|api|daemon)/', '(^|/)node_modules/@grpc/', '^@grpc/'] },
    },
    {
      name: 'api-not-up',
      comment: 'api holds the gRPC services and converters; it never imports cli or daemon.',
      severity: 'error',
      from: { path: '^src/api/' },
      to: { path: '^src/(cli|daemon)/' },
    },
    {
      name: 'cli-through-api',
      comment:
        'cli talks to a daemon only through api clients; it never imports the server-side ' +
        'domain modules (flag parsing that needs their rules uses pure helpers in util).',
      severity: 'error',
      from: { path: '^src/cli/' },
      to: { path: `^src/${serverSide}/` },
    },
    {
      name: 'nothing-imports-cli',
      comment: 'Nothing imports cli but bin/ and tests.',
      severity: 'error',
      from: { pathNot: '^src/cli/' },
      to: { path: '^src/cli/' },
    },
    {
      name: 'only-cli-imports-daemon',
      comment: 'daemon wires the parts; nothing below it imports it (cli runs `tsorch daemon`).',
      severity: 'error',
      from: { pathNot: '^src/(cli|daemon)/' },
      to: { path: '^src/daemon/' },
    },
    {
      name: 'util-is-the-bottom',
      comment: 'util imports nothing else of tsorch.',
      severity: 'error',
      from: { path: '^src/util/' },
      to: { path: '^src/', pathNot: '^src/util/' },
    },
    {
      name: 'raft-knows-no-stored-objects',
      comment: 'raft knows no stored objects; store reaches Raft through an interface.',
      severity: 'error',
      from: { path: '^src/raft/' },
      to: { path: '^src/(store|manager|agent|image|compose|scheduler|net)/' },
    },
    {
      name: 'store-not-to-raft',
      comment: 'store reaches Raft through the Proposer interface the daemon supplies.',
      severity: 'error',
      from: { path: '^src/store/' },
      to: { path: '^src/raft/' },
    },
    {
      name: 'compose-knows-no-runtime',
      comment: 'compose turns files into a model; it knows no runtime, store or network.',
      severity: 'error',
      from: { path: '^src/compose/' },
      to: { path: `^src/${serverSide}/` },
    },
    {
      name: 'enter-through-index',
      comment: 'A domain module is entered through its index.ts, its only public surface.',
      severity: 'error',
      from: { path: '^src/([^/]+)/' },
      to: {
        path: `^src/${domain}/`,
        pathNot: ['^src/$1/', `^src/${domain}/index\\.ts$`],
      },
    },
  ],
  options: {
    // Tests may reach into any module; the rules are about the shipped code.
    // Test builders (`testing.ts`, never imported by shipped code) count as tests.
    exclude: { path: '(\\.test|/testing)\\.ts$' },
    doNotFollow: { path: 'node_modules' },
    // Type-only imports couple modules too.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.d.ts'] },
  },
};
