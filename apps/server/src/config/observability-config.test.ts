import { describe, expect, it } from 'vitest';
import { loadConfig } from './load-config.js';

describe('loadConfig: metrics and alerts (issue 14)', () => {
  it('serves /metrics on the main port, loopback only, and the worker’s on 9464, by default', () => {
    const result = loadConfig({});
    expect(result.ok && result.config).toMatchObject({ metrics: { port: null, token: null, workerPort: 9464 }, alertWebhook: null });
  });

  it('reads METRICS_PORT, METRICS_TOKEN and WORKER_METRICS_PORT; METRICS_PORT equal to PORT means the main port', () => {
    const token = 'a-metrics-token-0123456789';
    expect(loadConfig({ METRICS_PORT: '9100', METRICS_TOKEN: token, WORKER_METRICS_PORT: '9200' })).toMatchObject({
      ok: true,
      config: { metrics: { port: 9100, token, workerPort: 9200 } },
    });
    expect(loadConfig({ PORT: '8080', METRICS_PORT: '8080' })).toMatchObject({ ok: true, config: { metrics: { port: null } } });
  });

  it('refuses a short METRICS_TOKEN without echoing it, and an alert URL without its signing secret', () => {
    const result = loadConfig({ METRICS_TOKEN: 'short-token', METRICS_PORT: 'x', ALERT_WEBHOOK_URL: 'https://alerts.example.com/pwreset' });
    expect(result.ok).toBe(false);
    const problems = result.ok ? '' : result.problems.join('\n');
    expect(problems).toContain('METRICS_TOKEN must be at least 16 characters');
    expect(problems).toContain('METRICS_PORT must be a whole number');
    expect(problems).toContain('ALERT_WEBHOOK_SECRET is required with ALERT_WEBHOOK_URL');
    expect(problems).not.toContain('short-token');
  });

  it('reads the alert webhook with its secret', () => {
    const secret = 'an-alert-secret-of-at-least-32-characters';
    expect(loadConfig({ ALERT_WEBHOOK_URL: 'https://alerts.example.com/pwreset', ALERT_WEBHOOK_SECRET: secret })).toMatchObject({
      ok: true,
      config: { alertWebhook: { url: 'https://alerts.example.com/pwreset', secret } },
    });
  });
});
