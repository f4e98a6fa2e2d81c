/**
 * The routing mesh's network, as `swarm init` creates it (Docker: `ingress`, overlay,
 * `spec.ingress`). The nodes' routing mesh uses it for published ports in ingress mode.
 *
 * @module
 */
import type { NetworkSpec } from '../../store/index.js';
import { INGRESS_DEFAULT_SUBNET, INGRESS_NETWORK_NAME } from './validate.js';

/** The spec of the ingress network `swarm init` stores. */
export function ingressNetworkSpec(subnet: string = INGRESS_DEFAULT_SUBNET): NetworkSpec {
  return {
    name: INGRESS_NETWORK_NAME,
    labels: {},
    driver: 'overlay',
    ipam: [{ subnet }],
    attachable: false,
    internal: false,
    ipv6: false,
    ingress: true,
  };
}
