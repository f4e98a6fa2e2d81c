/**
 * Container statistics over time (`tsorch stats`): docker's figures from the container's
 * cgroup (v1 or v2), its network namespace and the host's CPU time.
 *
 * @module
 */
export { computeStats, type HostFacts, type StatsReading, type StatsView } from './compute.js';
export { sampleStats, type StatsQuery, type StatsSample, type StatsSource } from './reader.js';
