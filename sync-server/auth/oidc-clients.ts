import * as oidc from 'openid-client';
import type { IdentityConfig, ProviderConfig } from './identity-config.ts';

/**
 * Each provider's discovered configuration (its discovery document and keys), fetched at the
 * first sign-in through it and kept. A failed discovery is forgotten, so the next sign-in tries
 * again rather than the server needing a restart after the provider's outage.
 */
export class OidcClients {
  private readonly discovered = new Map<string, Promise<oidc.Configuration>>();

  constructor(private readonly config: IdentityConfig) {}

  get redirectUri(): string {
    return `${this.config.publicUrl}/auth/callback`;
  }

  find(providerId: string | undefined): ProviderConfig | null {
    const { providers } = this.config;
    if (providerId === undefined || providerId === '')
      return providers.length === 1 ? providers[0]! : null;
    return providers.find((provider) => provider.id === providerId) ?? null;
  }

  configuration(provider: ProviderConfig): Promise<oidc.Configuration> {
    let found = this.discovered.get(provider.id);
    if (found === undefined) {
      // http:// issuers pass config checks only on loopback (identity-config.ts), so allowing them here is safe.
      const insecure = provider.issuer.startsWith('http:')
        ? { execute: [oidc.allowInsecureRequests] }
        : undefined;
      found = oidc.discovery(
        new URL(provider.issuer),
        provider.clientId,
        undefined,
        oidc.ClientSecretBasic(provider.clientSecret),
        insecure,
      );
      this.discovered.set(provider.id, found);
      found.catch(() => this.discovered.delete(provider.id));
    }
    return found;
  }
}
