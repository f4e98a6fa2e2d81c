import { describe, expect, it } from 'vitest';
import { resolveCapabilities } from './capabilities.js';
import { cloneNamespaceFlags, defaultSeccompProfile } from './seccomp.js';

function allowed(profile: ReturnType<typeof defaultSeccompProfile>): Set<string> {
  const out = new Set<string>();
  for (const s of profile.syscalls ?? [])
    if (s.action === 'SCMP_ACT_ALLOW' && s.args === undefined) for (const n of s.names) out.add(n);
  return out;
}

describe('defaultSeccompProfile()', () => {
  const caps = resolveCapabilities({});

  it('denies by default with EPERM and targets the host architectures', () => {
    const p = defaultSeccompProfile('x64', caps);
    expect(p.defaultAction).toBe('SCMP_ACT_ERRNO');
    expect(p.defaultErrnoRet).toBe(1);
    expect(p.architectures).toEqual(['SCMP_ARCH_X86_64', 'SCMP_ARCH_X86', 'SCMP_ARCH_X32']);
  });

  it('allows ordinary syscalls and refuses namespace and mount syscalls without CAP_SYS_ADMIN', () => {
    const names = allowed(defaultSeccompProfile('x64', caps));
    for (const n of ['read', 'write', 'openat', 'execve', 'arch_prctl', 'chroot'])
      expect(names).toContain(n);
    for (const n of [
      'mount',
      'unshare',
      'setns',
      'bpf',
      'keyctl',
      'add_key',
      'reboot',
      'kexec_load',
    ])
      expect(names).not.toContain(n);
  });

  it('lets clone create no namespaces and makes clone3 fall back with ENOSYS', () => {
    const p = defaultSeccompProfile('x64', caps);
    const clone = p.syscalls?.find((s) => s.names.includes('clone') && s.args !== undefined);
    expect(clone?.args).toEqual([
      { index: 0, value: cloneNamespaceFlags, valueTwo: 0, op: 'SCMP_CMP_MASKED_EQ' },
    ]);
    expect(p.syscalls?.find((s) => s.names.includes('clone3'))).toMatchObject({
      action: 'SCMP_ACT_ERRNO',
      errnoRet: 38,
    });
  });

  it('opens capability-gated syscalls when the capability is granted', () => {
    const admin = defaultSeccompProfile(
      'x64',
      resolveCapabilities({ capAdd: ['SYS_ADMIN', 'SYS_PTRACE'] }),
    );
    const names = allowed(admin);
    for (const n of ['mount', 'unshare', 'setns', 'clone', 'clone3', 'kcmp'])
      expect(names).toContain(n);
    expect(
      admin.syscalls?.some((s) => s.names.includes('clone3') && s.action !== 'SCMP_ACT_ALLOW'),
    ).toBe(false);
  });

  it('uses arch-specific syscalls and argument order', () => {
    expect(allowed(defaultSeccompProfile('arm64', caps))).toContain('set_tls');
    expect(allowed(defaultSeccompProfile('arm64', caps))).not.toContain('arch_prctl');
    const s390 = defaultSeccompProfile('s390x', caps);
    expect(s390.syscalls?.find((s) => s.names.includes('clone') && s.args)?.args?.[0]?.index).toBe(
      1,
    );
  });
});
