import { describe, expect, it } from 'vitest';
import { isLoopbackHost, RegistryClient } from './client.js';

describe('RegistryClient', () => {
  it.each([
    ['127.0.0.1:5000', true],
    ['127.8.9.10', true],
    ['localhost:5000', true],
    ['[::1]:5000', true],
    ['registry.example.com', false],
    ['10.0.0.1:5000', false],
    ['127.0.0.1.example.com', false],
  ])('isLoopbackHost(%s) is %s', (host, want) => {
    expect(isLoopbackHost(host)).toBe(want);
  });

  it('uses https unless the registry is loopback or marked insecure', () => {
    expect(new RegistryClient('registry.example.com').baseUrl).toBe('https://registry.example.com');
    expect(new RegistryClient('registry.example.com:5000', { insecure: true }).baseUrl).toBe(
      'http://registry.example.com:5000',
    );
    expect(new RegistryClient('127.0.0.1:5000').baseUrl).toBe('http://127.0.0.1:5000');
    expect(new RegistryClient('docker.io').baseUrl).toBe('https://registry-1.docker.io');
  });
});
