/**
 * gRPC handlers of the ContainerStreams service (proto/tsorch/v1/streams.proto): stats
 * sampled over time, and attaching to a container's main process (attach.ts).
 *
 * @module
 */
import type * as grpc from '@grpc/grpc-js';
import { sampleStats, type Containers, type StatsSample } from '../../agent/index.js';
import { serverStream } from '../errors.js';
import type { ContainerStatsSample } from '../gen/tsorch/v1/ContainerStatsSample.js';
import type { StatsRequest__Output } from '../gen/tsorch/v1/StatsRequest.js';
import type { StatsResponse } from '../gen/tsorch/v1/StatsResponse.js';
import { serviceDefinition, type ServiceBinding } from '../proto.js';
import { send } from '../stream.js';
import { attachHandler } from './attach.js';

/** docker stats refreshes every second. */
const defaultIntervalMs = 1000;

function sampleOut(s: StatsSample): ContainerStatsSample {
  return {
    id: s.id,
    name: s.name,
    cpuPercent: s.cpuPercent,
    memoryUsageBytes: String(s.memoryUsageBytes),
    memoryLimitBytes: String(s.memoryLimitBytes),
    memoryPercent: s.memoryPercent,
    netRxBytes: String(s.netRxBytes),
    netTxBytes: String(s.netTxBytes),
    blockReadBytes: String(s.blockReadBytes),
    blockWriteBytes: String(s.blockWriteBytes),
    pidsCurrent: String(s.pidsCurrent),
    readAt: s.readAt,
  };
}

/** Stats: samples until the client cancels (or once). */
function statsHandler({
  manager,
  cgroups,
}: Pick<Containers, 'manager' | 'cgroups'>): grpc.handleServerStreamingCall<
  StatsRequest__Output,
  StatsResponse
> {
  return serverStream<StatsRequest__Output, StatsResponse>(async (req, call, signal) => {
    const samples = sampleStats(
      { manager, cgroups },
      {
        containers: req.containers,
        all: req.all,
        stream: req.stream,
        intervalMs: req.intervalMs === 0 ? defaultIntervalMs : req.intervalMs,
        signal,
      },
    );
    for await (const list of samples) {
      await send(call, { samples: list.map(sampleOut) }, { signal });
    }
  });
}

/** The ContainerStreams service over the node's containers. */
export function containerStreamServices(containers: Containers): ServiceBinding[] {
  return [
    {
      definition: serviceDefinition('streams', 'ContainerStreams'),
      implementation: {
        stats: statsHandler(containers),
        attach: attachHandler(containers.manager),
      },
    },
  ];
}
