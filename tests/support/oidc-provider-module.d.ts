/** oidc-provider ships no types; the tests use this much of it (tests/support/oidc-provider.ts). */
declare module 'oidc-provider' {
  import type { Server } from 'node:http';
  interface ProviderInstance {
    listen(port: number, host: string): Server;
    callback(): (req: unknown, res: unknown) => void;
  }
  const Provider: new (issuer: string, configuration: Record<string, unknown>) => ProviderInstance;
  export default Provider;
}
