import { ConfigError, loadConfig } from '@samenspel/http';
import { NotificationConfig } from './notification.config';

describe('NotificationConfig', () => {
  it('lets webhooks reach public addresses only unless WEBHOOK_ALLOWED_TARGETS names receivers', () => {
    expect(loadConfig(NotificationConfig, {}).WEBHOOK_ALLOWED_TARGETS).toEqual([]);
    expect(
      loadConfig(NotificationConfig, {
        WEBHOOK_ALLOWED_TARGETS: '10.20.0.0/16, hooks.intranet:8443,[fd12::1]:443',
      }).WEBHOOK_ALLOWED_TARGETS,
    ).toEqual(['10.20.0.0/16', 'hooks.intranet:8443', '[fd12::1]:443']);
  });

  it('refuses an allow-list entry that is neither a CIDR nor a host:port', () => {
    const load = () => loadConfig(NotificationConfig, { WEBHOOK_ALLOWED_TARGETS: '10.20.0.0/16,*.intranet' });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(
      '- WEBHOOK_ALLOWED_TARGETS: must be a comma-separated list of CIDRs and host:port entries',
    );
  });
});
