/**
 * Service configuration hashes (`tsorch config --hash`): a digest that changes when a
 * service's configuration changes in a way that needs its tasks replaced.
 *
 * @module
 */
import { createHash } from 'node:crypto';
import type { ServiceConfig } from './parse/index.js';

/**
 * Returns the sha256 hex digest of a service's configuration. Like compose-go's ServiceHash,
 * keys that do not need new containers (build, pull_policy, scale, deploy.replicas) are left out.
 */
export function serviceHash(service: ServiceConfig): string {
  const copy: Record<string, unknown> = { ...service };
  delete copy['build'];
  delete copy['pull_policy'];
  delete copy['scale'];
  if (service.deploy !== undefined) {
    const { replicas: _replicas, ...deploy } = service.deploy;
    copy['deploy'] = deploy;
  }
  return createHash('sha256').update(JSON.stringify(copy)).digest('hex');
}
