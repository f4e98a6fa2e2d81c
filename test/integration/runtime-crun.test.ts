// The runtime conformance suite (test/helpers/runtime-conformance.ts) against real crun.
import { describeRuntime } from '../helpers/runtime-conformance.js';

describeRuntime('crun');
