import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** The Prometheus figures this process exposes at `/metrics`; one registry per server. */
export function createServerMetrics(options: { defaultMetrics?: boolean } = {}) {
  const registry = new Registry();
  if (options.defaultMetrics !== false) collectDefaultMetrics({ register: registry, prefix: 'askdata_' });
  const metrics = {
    registry,
    requests: new Counter({
      name: 'askdata_http_requests_total',
      help: 'HTTP requests by method, route and status',
      labelNames: ['method', 'route', 'status'] as const,
      registers: [registry],
    }),
    requestSeconds: new Histogram({
      name: 'askdata_http_request_duration_seconds',
      help: 'HTTP request duration (until the response starts, for streams)',
      labelNames: ['method', 'route'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    rateLimited: new Counter({
      name: 'askdata_rate_limited_total',
      help: 'Requests refused by the rate limit',
      registers: [registry],
    }),
    runsActive: new Gauge({
      name: 'askdata_runs_active',
      help: 'Answer runs executing in this process',
      registers: [registry],
    }),
    runsFinished: new Counter({
      name: 'askdata_runs_finished_total',
      help: 'Answer runs finished, by status',
      labelNames: ['status'] as const,
      registers: [registry],
    }),
    answeredAtIntake: new Counter({
      name: 'askdata_questions_answered_at_intake_total',
      help: 'Repeated offline questions committed with their answer already known (no run executed)',
      registers: [registry],
    }),
    runSeconds: new Histogram({
      name: 'askdata_run_duration_seconds',
      help: 'Answer run duration',
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    }),
    streamsOpen: new Gauge({
      name: 'askdata_sse_streams_open',
      help: 'Open server-sent event streams',
      registers: [registry],
    }),
  };
  return metrics;
}

export type ServerMetrics = ReturnType<typeof createServerMetrics>;
