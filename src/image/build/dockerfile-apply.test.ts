import { describe, expect, it } from 'vitest';
import { parseDockerfile } from './dockerfile.js';
import { applyConfigInstruction, commandArgs, joinWorkdir } from './dockerfile-apply.js';
import type { Instruction } from './dockerfile-types.js';
import type { ImageRunConfig } from './image-config.js';

/** Parses one instruction after a FROM line. */
function instr(line: string): Instruction {
  const i = parseDockerfile(`FROM scratch\n${line}`).stages[0]?.instructions[0];
  if (i === undefined) throw new Error('no instruction');
  return i;
}

const vars: Record<string, string> = { NAME: 'web', DIR: 'app', A: '1' };
const ctx = { lookup: (n: string) => vars[n], escape: '\\', cmdSet: false, file: 'Dockerfile' };

function apply(
  config: ImageRunConfig,
  line: string,
  cmdSet = false,
): ReturnType<typeof applyConfigInstruction> {
  return applyConfigInstruction(config, instr(line), { ...ctx, cmdSet });
}

describe('applyConfigInstruction()', () => {
  it('expands ENV values with the variables from before the instruction', () => {
    const r = apply({ Env: ['A=1'] }, 'ENV A=2 B=$A C="${NAME} x"');
    expect(r.config.Env).toEqual(['A=2', 'B=1', 'C=web x']);
  });

  it('joins relative WORKDIRs and expands variables', () => {
    expect(apply({ WorkingDir: '/srv' }, 'WORKDIR $DIR').config.WorkingDir).toBe('/srv/app');
    expect(apply({}, 'WORKDIR /abs').config.WorkingDir).toBe('/abs');
    expect(joinWorkdir(undefined, 'x')).toBe('/x');
  });

  it('adds labels, volumes and exposed port ranges', () => {
    const r = apply({ Labels: { a: '1' } }, 'LABEL "b c"=2 name=$NAME');
    expect(r.config.Labels).toEqual({ a: '1', 'b c': '2', name: 'web' });
    expect(apply({}, 'EXPOSE 80 53/udp 8000-8001').config.ExposedPorts).toEqual({
      '80/tcp': {},
      '53/udp': {},
      '8000/tcp': {},
      '8001/tcp': {},
    });
    expect(apply({}, 'VOLUME /data $DIR').config.Volumes).toEqual({ '/data': {}, app: {} });
  });

  it('uses SHELL for shell-form CMD and resets an inherited CMD on ENTRYPOINT', () => {
    const withShell = apply({}, 'SHELL ["/bin/ash", "-c"]').config;
    expect(apply(withShell, 'CMD echo hi').config.Cmd).toEqual(['/bin/ash', '-c', 'echo hi']);
    expect(apply({ Cmd: ['old'] }, 'ENTRYPOINT ["run"]').config.Cmd).toBeNull();
    expect(apply({ Cmd: ['mine'] }, 'ENTRYPOINT ["run"]', true).config.Cmd).toEqual(['mine']);
    expect(commandArgs({ form: 'exec', args: ['a'] }, undefined)).toEqual(['a']);
  });

  it('maps HEALTHCHECK to the Docker config extension', () => {
    expect(
      apply({}, 'HEALTHCHECK --interval=5s --retries=2 CMD wget -q x').config.Healthcheck,
    ).toEqual({
      Test: ['CMD-SHELL', 'wget -q x'],
      Interval: 5e9,
      Retries: 2,
    });
    expect(apply({}, 'HEALTHCHECK NONE').config.Healthcheck).toEqual({ Test: ['NONE'] });
  });

  it.each([
    ['EXPOSE 80/http', /Dockerfile:2: EXPOSE: invalid port "80\/http"/],
    ['EXPOSE 9-3', /invalid port range "9-3"/],
    ['STOPSIGNAL "bad sig"', /STOPSIGNAL: invalid signal "bad sig"/],
    ['ENV A="unterminated', /Unterminated quote/],
    ['USER ${MISSING:?must be set}', /Dockerfile:2: USER: MISSING: must be set/],
  ])('rejects %j', (line, message) => {
    expect(() => apply({}, line)).toThrow(message);
  });
});
