import { useEffect, useState } from 'react';
import { useLocation } from 'wouter';
import { redeemJoinCode } from '../facilitation/join-link-api.ts';

/**
 * `/j/:code`: the short code from the projector, typed on a phone or laptop. The server exchanges
 * it for a token of the day's join link, and the page goes on to the document as an editor (the
 * document page keeps the token on the device and drops it from the address).
 */
export function JoinCodePage({ code }: { readonly code: string }) {
  const [, navigate] = useLocation();
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    document.title = 'Joining · Pathways';
    let current = true;
    void redeemJoinCode(code).then((answer) => {
      if (!current) return;
      if ('error' in answer) setError(answer.error);
      else
        navigate(
          `/d/${encodeURIComponent(answer.documentId)}?token=${encodeURIComponent(answer.token)}`,
          { replace: true },
        );
    });
    return () => {
      current = false;
    };
  }, [code, navigate]);
  return (
    <main id="main" className="page narrow">
      <h1>Joining with code {code}</h1>
      {error === null ? (
        <p role="status">Opening the document…</p>
      ) : (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </main>
  );
}
