import path from 'node:path';
import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('defaults to the embedded mode: SQLite files under ./data, local ports, no Redis', () => {
    const config = loadConfig({});

    expect(config.env).toBe('development');
    expect(config.redisUrl).toBeUndefined();
    expect(config.gateway.port).toBe(4000);
    expect(config.subgraphs.moj).toEqual({
      port: 4003,
      url: 'http://127.0.0.1:4003/graphql',
      databaseUrl: undefined,
      sqliteFile: path.resolve('data', 'moj.sqlite'),
    });
  });

  it('reads PostgreSQL and Redis settings when given, treating blank as unset', () => {
    const config = loadConfig({
      DWP_DATABASE_URL: 'postgres://hub:hub@db:5432/hub_dwp',
      MOJ_DATABASE_URL: '  ',
      REDIS_URL: 'redis://cache:6379',
      DWP_PORT: '5002',
    });

    expect(config.subgraphs.dwp.databaseUrl).toBe('postgres://hub:hub@db:5432/hub_dwp');
    expect(config.subgraphs.dwp.port).toBe(5002);
    expect(config.subgraphs.moj.databaseUrl).toBeUndefined();
    expect(config.redisUrl).toBe('redis://cache:6379');
  });

  it('protects reports with the 10-5 rule unless told otherwise', () => {
    expect(loadConfig({}).reporting.disclosure).toEqual({ threshold: 10, base: 5 });
    expect(
      loadConfig({ REPORTING_SUPPRESSION_THRESHOLD: '5', REPORTING_ROUNDING_BASE: '3' }).reporting
        .disclosure,
    ).toEqual({ threshold: 5, base: 3 });
  });

  it('refuses a threshold below 0 or a rounding base that is not a whole number from 1', () => {
    const load = () =>
      loadConfig({ REPORTING_SUPPRESSION_THRESHOLD: '-1', REPORTING_ROUNDING_BASE: '2.5' });

    expect(load).toThrow(/REPORTING_SUPPRESSION_THRESHOLD: /);
    expect(load).toThrow(/REPORTING_ROUNDING_BASE: /);
  });

  it('lets a threshold of 0 (no disclosure control) run only outside production', () => {
    expect(
      loadConfig({ REPORTING_SUPPRESSION_THRESHOLD: '0' }).reporting.disclosure.threshold,
    ).toBe(0);
    expect(() =>
      loadConfig({ REPORTING_SUPPRESSION_THRESHOLD: '0', NODE_ENV: 'production' }),
    ).toThrow(/REPORTING_SUPPRESSION_THRESHOLD: 0 turns disclosure control off/);
  });

  it('names every bad variable in one error', () => {
    const load = () => loadConfig({ GATEWAY_PORT: 'eighty', NODE_ENV: 'staging', REDIS_URL: 'x' });

    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/GATEWAY_PORT: must be a port number from 0 to 65535/);
    expect(load).toThrow(/NODE_ENV: .*"development"\|"test"\|"production"/);
    expect(load).toThrow(/REDIS_URL: Invalid URL/);
  });

  it('traces nothing unless an OTLP endpoint is set', () => {
    expect(loadConfig({}).tracing).toBeUndefined();
    expect(
      loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: ' ', TRACE_SAMPLE_RATIO: '0.5' }).tracing,
    ).toBe(undefined);
  });

  it('sends traces to the base endpoint + /v1/traces, or to the traces endpoint as given', () => {
    expect(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' }).tracing).toEqual({
      tracesUrl: 'http://collector:4318/v1/traces',
      sampleRatio: 1,
    });
    expect(
      loadConfig({
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://traces.example/otlp/spans',
        TRACE_SAMPLE_RATIO: '0.25',
      }).tracing,
    ).toEqual({ tracesUrl: 'https://traces.example/otlp/spans', sampleRatio: 0.25 });
  });

  it('refuses an endpoint that is no URL and a sample ratio outside 0 to 1', () => {
    const load = () =>
      loadConfig({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'collector', TRACE_SAMPLE_RATIO: '2' });

    expect(load).toThrow(/OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: Invalid URL/);
    expect(load).toThrow(/TRACE_SAMPLE_RATIO: must be a probability from 0 to 1/);
  });
});
