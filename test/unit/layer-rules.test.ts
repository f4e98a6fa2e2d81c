import { beforeAll, describe, expect, it } from 'vitest';
import { plantTree, runLayerCheck } from '../helpers/layer-check.js';

/** A small tree that keeps every layer rule: cli -> api -> domain -> util, daemon wiring. */
const cleanTree = {
  'src/util/errors.ts': 'export const code = 1;\n',
  'src/agent/containers/manager.ts':
    "import { code } from '../../util/errors.js';\nexport const m = code;\n",
  'src/agent/index.ts': "export { m } from './containers/manager.js';\n",
  'src/image/index.ts': "import { m } from '../agent/index.js';\nexport const i = m;\n",
  'src/api/containers/service.ts':
    "import { m } from '../../agent/index.js';\nexport const s = m;\n",
  'src/daemon/node.ts':
    "import { s } from '../api/containers/service.js';\nimport { i } from '../image/index.js';\nexport const n = s + i;\n",
  'src/cli/main.ts': "import { s } from '../api/containers/service.js';\nexport const c = s;\n",
};

const plants: Record<string, string> = {
  'src/agent/containers/planted.ts': "import '../../cli/main.js';\n",
  'src/image/planted-grpc.ts': "import '@grpc/grpc-js';\n",
  'src/image/planted-api.ts': "import '../api/containers/service.js';\n",
  'src/cli/planted.ts': "import '../agent/index.js';\n",
  'src/image/planted-deep.ts': "import '../agent/containers/manager.js';\n",
  'src/api/planted.ts': "import '../daemon/node.js';\n",
  'src/util/planted.ts': "import '../agent/index.js';\n",
  'src/util/cycle-a.ts': "import './cycle-b.js';\n",
  'src/util/cycle-b.ts': "import './cycle-a.js';\n",
};

function check(files: Record<string, string>): { code: number; output: string } {
  const tree = plantTree(files);
  try {
    return runLayerCheck(tree.dir);
  } finally {
    tree.remove();
  }
}

let planted: { code: number; output: string };
beforeAll(() => {
  planted = check({ ...cleanTree, ...plants });
});

describe('layer rules (npm run lint:layers)', () => {
  it('passes a tree that keeps them', () => {
    const r = check(cleanTree);
    expect(r, r.output).toMatchObject({ code: 0 });
  });

  // One tree holds every planted import (the check takes seconds): each must be reported.
  it('exits non-zero on a tree with forbidden imports', () => {
    expect(planted.code, planted.output).not.toBe(0);
  });

  it.each([
    [
      'a domain module importing the CLI',
      'domain-not-up: src/agent/containers/planted.ts → src/cli/main.ts',
    ],
    ['a domain module importing gRPC', 'domain-not-up: src/image/planted-grpc.ts → @grpc/grpc-js'],
    [
      'a domain module importing the API layer',
      'domain-not-up: src/image/planted-api.ts → src/api/containers/service.ts',
    ],
    [
      'the CLI importing a domain module',
      'cli-through-api: src/cli/planted.ts → src/agent/index.ts',
    ],
    [
      'a module entered past its index.ts',
      'enter-through-index: src/image/planted-deep.ts → src/agent/containers/manager.ts',
    ],
    ['the API layer importing the daemon', 'api-not-up: src/api/planted.ts → src/daemon/node.ts'],
    [
      'util importing a module above it',
      'util-is-the-bottom: src/util/planted.ts → src/agent/index.ts',
    ],
    ['an import cycle', 'no-circular: src/util/cycle-a.ts →'],
  ])('reports %s, naming the rule', (_, violation) => {
    expect(planted.output).toContain(`error ${violation}`);
  });
});
