import type { IdentityStore } from './identity-records.ts';

/**
 * The identity half of a document store, handed to the engine's own `IdentityStore` (`people`),
 * so each store states its identity methods once, here, rather than forwarding each itself.
 */
export abstract class IdentityDelegation implements IdentityStore {
  protected abstract readonly people: IdentityStore;

  signIn: IdentityStore['signIn'] = (signIn) => this.people.signIn(signIn);
  findSession: IdentityStore['findSession'] = (hash) => this.people.findSession(hash);
  endSession: IdentityStore['endSession'] = (hash, audit) => this.people.endSession(hash, audit);
  listAccountWorkspaces: IdentityStore['listAccountWorkspaces'] = (accountId) =>
    this.people.listAccountWorkspaces(accountId);
  findAccountByIssuerSubject: IdentityStore['findAccountByIssuerSubject'] = (issuer, subject) =>
    this.people.findAccountByIssuerSubject(issuer, subject);
  listWorkspacesOfEmail: IdentityStore['listWorkspacesOfEmail'] = (email) =>
    this.people.listWorkspacesOfEmail(email);
  listMembers: IdentityStore['listMembers'] = (workspaceId) => this.people.listMembers(workspaceId);
  findMemberRole: IdentityStore['findMemberRole'] = (workspaceId, accountId) =>
    this.people.findMemberRole(workspaceId, accountId);
  putMember: IdentityStore['putMember'] = (...args) => this.people.putMember(...args);
  removeMember: IdentityStore['removeMember'] = (...args) => this.people.removeMember(...args);
  touchAccount: IdentityStore['touchAccount'] = (accountId, at) =>
    this.people.touchAccount(accountId, at);
  appendAudit: IdentityStore['appendAudit'] = (entries) => this.people.appendAudit(entries);
  listAudit: IdentityStore['listAudit'] = (workspaceId, query) =>
    this.people.listAudit(workspaceId, query);

  async setSignInRequired(
    workspaceId: string,
    required: boolean,
    audit: Parameters<IdentityStore['setSignInRequired']>[2],
  ): Promise<void> {
    await this.people.setSignInRequired(workspaceId, required, audit);
  }
}
