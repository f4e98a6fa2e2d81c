// The runtime conformance suite (test/helpers/runtime-conformance.ts) against real runc.
import { describeRuntime } from '../helpers/runtime-conformance.js';

describeRuntime('runc');
