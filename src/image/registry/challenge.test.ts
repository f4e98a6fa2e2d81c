import { describe, expect, it } from 'vitest';
import { parseChallenge } from './challenge.js';

describe('parseChallenge()', () => {
  it('parses a Bearer challenge with quoted and escaped values', () => {
    expect(
      parseChallenge(
        'Bearer realm="https://auth.example/token",service="registry.example",scope="repository:a/b:pull,push" , error="x\\"y"',
      ),
    ).toEqual({
      scheme: 'bearer',
      params: {
        realm: 'https://auth.example/token',
        service: 'registry.example',
        scope: 'repository:a/b:pull,push',
        error: 'x"y',
      },
    });
  });

  it('parses Basic and unknown schemes', () => {
    expect(parseChallenge('Basic realm="Registry Realm"')).toEqual({
      scheme: 'basic',
      params: { realm: 'Registry Realm' },
    });
    expect(parseChallenge('Negotiate')).toEqual({ scheme: 'other', params: {} });
    expect(parseChallenge('bearer realm=http://x/t')).toEqual({
      scheme: 'bearer',
      params: { realm: 'http://x/t' },
    });
  });
});
