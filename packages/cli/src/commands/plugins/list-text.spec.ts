import { expect } from 'chai';
import type { InventoryPlugin } from '@muster/server';
import { inventoryText } from './list-text';

const plugin = (over: Partial<InventoryPlugin> = {}): InventoryPlugin => ({
  id: 'grafana', about: { name: 'Grafana', version: '1.0.0', description: 'x', sdk: '^1.0.0', capabilities: ['alert-source'] },
  package: '@muster/plugin-grafana', webhookPath: '/webhooks/grafana', secrets: [], installations: [], problems: [], ...over,
});

describe('plugins list as text', () => {
  it('never passes a terminal escape or a line break through from what chat or a plugin stored', () => {
    const text = inventoryText({
      publicUrl: 'https://muster.example.com',
      plugins: [plugin({
        webhookUrl: 'https://muster.example.com/webhooks/grafana',
        installations: [{
          source: 'chat', installationId: 'i-1', tenantId: 'acme', installedAt: new Date('2026-12-01T16:30:59Z'),
          installedBy: { platform: 'slack', id: 'U1', name: 'Eve\u001b[2J\nfake row' },
          health: { lastFailureAt: new Date('2026-12-01T17:00:00Z'), lastFailure: 'parse: bad\r\n\u001b]0;owned\u0007' },
        }],
      })],
    });
    expect(text).not.to.match(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    const [header, row, ...rest] = text.split('\n');
    expect(header!.split(/\s{2,}/)).to.have.length(9);
    expect(row!.split(/\s{2,}/)).to.deep.equal([
      'grafana', '1.0.0', '-', 'chat', 'acme', 'Eve?[2J?fake row (slack:U1)', '2026-12-01 16:30Z', 'https://muster.example.com/webhooks/grafana',
      'last failure 2026-12-01 17:00Z: parse: bad???]0;owned?',
    ]);
    expect(rest).to.deep.equal(['']);
  });

  it('lists a plugin installed nowhere as available, and says how webhooks are reached without MUSTER_PUBLIC_URL', () => {
    const text = inventoryText({ plugins: [plugin({ musterYaml: { enabled: false } })] });
    expect(text.split('\n')[1]!.split(/\s{2,}/)).to.deep.equal(['grafana', '1.0.0', 'disabled', 'available', '-', '-', '-', '/webhooks/grafana', '-']);
    expect(text).to.contain('MUSTER_PUBLIC_URL is not set');
    expect(inventoryText({ plugins: [] })).to.equal('No plugins: this server bundles none and muster.yaml names none.\n');
  });
});
