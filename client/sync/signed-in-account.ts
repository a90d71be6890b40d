import { useEffect, useState } from 'react';
import { identityApi } from '../identity/identity-api.ts';

/** The district account this browser is signed in with: its id and its name as the provider gave it. */
export interface SignedInAccount {
  readonly id: string;
  readonly name: string;
}

/** Asked once per page load: a session does not change under an open page, and every document page asks. */
let asked: Promise<SignedInAccount | null> | null = null;

function readSignedInAccount(): Promise<SignedInAccount | null> {
  asked ??= identityApi.me().then(
    (me) =>
      me.signedIn && typeof me.id === 'string' && typeof me.name === 'string'
        ? { id: me.id, name: me.name }
        : null,
    // Offline or no sign-in on this server: the device's own participant, as before.
    () => null,
  );
  return asked;
}

/** The signed-in account, or null (signed out, offline, or not known yet). */
export function useSignedInAccount(): SignedInAccount | null {
  const [account, setAccount] = useState<SignedInAccount | null>(null);
  useEffect(() => {
    let current = true;
    void readSignedInAccount().then((found) => current && setAccount(found));
    return () => {
      current = false;
    };
  }, []);
  return account;
}
