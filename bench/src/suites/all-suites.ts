import { ackLatencyMariaDbSuite, ackLatencySqliteSuite } from './ack-latency.bench';
import { ackOpenLoopMariaDbSuite, ackOpenLoopSqliteSuite } from './ack-open-loop.bench';
import { ackWorkerSuite } from './ack-worker.bench';
import { declareToReadySuite } from './declare-to-ready.bench';
import { footprintMariaDbSuite, footprintSuite } from './footprint.bench';
import { httpRouterSuite } from './http-router.bench';
import { ingestionSuite } from './ingestion.bench';
import { serverProfileSuite } from './server-profile.bench';
import { storePathVariantsSuite } from './store-path-variants.bench';
import type { Suite } from './suite';
import { summarizerTokensSuite } from './summarizer-tokens.suite';
import { teamsAckSuite } from './teams-ack.bench';
import { webhookAckMariaDbSuite, webhookAckSuite } from './webhook-ack.bench';

/** Every suite, in the order `npm run bench` runs them. */
export const ALL_SUITES: readonly Suite[] = [
  ackLatencySqliteSuite,
  ackLatencyMariaDbSuite,
  ackOpenLoopSqliteSuite,
  ackOpenLoopMariaDbSuite,
  ackWorkerSuite,
  teamsAckSuite,
  webhookAckSuite,
  webhookAckMariaDbSuite,
  declareToReadySuite,
  ingestionSuite,
  storePathVariantsSuite,
  summarizerTokensSuite,
  footprintSuite,
  footprintMariaDbSuite,
  httpRouterSuite,
  serverProfileSuite,
];
