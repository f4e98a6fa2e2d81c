import { describe, expect, it } from 'vitest';
import { validateSysctls } from './sysctl.js';

describe('validateSysctls()', () => {
  it('accepts namespaced sysctls', () => {
    const ok = {
      'kernel.shmmax': '1',
      'kernel.msgmnb': '2',
      'kernel.sem': '250 32000 32 128',
      'fs.mqueue.msg_max': '10',
      'net.ipv4.ip_forward': '1',
      'kernel.domainname': 'example.org',
    };
    expect(validateSysctls(ok)).toEqual(ok);
  });

  it.each(['kernel.pid_max', 'vm.swappiness', 'fs.file-max', 'kernel.hostname'])(
    'rejects host-wide "%s", naming it',
    (key) => {
      expect(() => validateSysctls({ [key]: '1' })).toThrow(
        expect.objectContaining({ code: 'INVALID_ARGUMENT', details: { field: `sysctls.${key}` } }),
      );
    },
  );

  it('rejects net.* in a shared network namespace', () => {
    expect(() => validateSysctls({ 'net.core.somaxconn': '1' }, { sharedNetns: true })).toThrow(
      /shares a network namespace/,
    );
  });
});
