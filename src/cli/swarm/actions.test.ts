import { describe, expect, it } from 'vitest';
import { captureIo } from '../../../test/helpers/cli-io.js';
import { swarmCommand } from './actions.js';

// No daemon answers this socket: these cases must fail before any call.
const env = { TSORCH_HOST: 'unix:///nonexistent/tsorch-security-test.sock' };

describe('swarm ca (flag checks)', () => {
  it.each([
    [{ detach: true }, '--detach needs --rotate'],
    [
      { rotate: true, timeout: '0s' },
      'Invalid value for --timeout: "0s": use a duration such as 720h or 30m',
    ],
  ])('refuses %o before calling the daemon', async (opts, message) => {
    const { io } = captureIo('/', env);
    await expect(swarmCommand(io, 'ca', [], opts)).rejects.toThrow(message);
  });
});
