/**
 * The System service: Ping and Info about the daemon itself.
 *
 * @module
 */
import { hostname } from 'node:os';
import { serviceDefinition } from '../api/proto.js';
import { unary } from '../api/errors.js';
import type { InfoResponse } from '../api/gen/tsorch/v1/InfoResponse.js';
import type { PingResponse } from '../api/gen/tsorch/v1/PingResponse.js';
import { version } from '../cli/version.js';
import type { ComponentFactory } from './component.js';

/** Factory of the `system` component. */
export const systemComponent: ComponentFactory = {
  name: 'system',
  create(ctx) {
    return {
      name: 'system',
      services: [
        {
          definition: serviceDefinition('system', 'System'),
          implementation: {
            ping: unary<unknown, PingResponse>(() => Promise.resolve({ version })),
            info: unary<unknown, InfoResponse>(() =>
              Promise.resolve({
                version,
                root: ctx.config.root,
                run: ctx.config.run,
                runtime: ctx.config.runtime,
                pid: String(process.pid),
                startedAt: ctx.startedAt.toISOString(),
                components: [...ctx.componentNames],
                hostname: hostname(),
              }),
            ),
          },
        },
      ],
    };
  },
};
