import { loadGatewayConfig } from './gateway.config';

describe('gateway configuration', () => {
  it('defaults to port 3000 and every known service', () => {
    const config = loadGatewayConfig({});
    expect(config).toMatchObject({ port: 3000, opsPort: 9400, rpcTimeoutMs: 5000, trustProxy: false });
    expect(config.services).toContain('service-enablement');
  });

  it('reads the services list and refuses a malformed one', () => {
    expect(loadGatewayConfig({ ARBOR_GATEWAY_SERVICES: 'identity, notes' }).services).toEqual([
      'identity',
      'notes',
    ]);
    expect(() => loadGatewayConfig({ ARBOR_GATEWAY_SERVICES: 'Not A Service' })).toThrow(/services/);
    expect(() => loadGatewayConfig({ ARBOR_GATEWAY_PORT: '70000' })).toThrow(/port/);
  });
});
