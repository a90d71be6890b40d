export type Encoding = 'br' | 'gzip' | 'identity';

/**
 * The best of `available` that an Accept-Encoding header allows, in the order given (smallest
 * first); identity when none is accepted. Follows RFC 9110: `q=0` refuses, `*` stands for any
 * coding not named.
 */
export function chooseEncoding(
  header: string | undefined,
  available: readonly Exclude<Encoding, 'identity'>[],
): Encoding {
  if (header === undefined || header.trim() === '') return 'identity';
  const weights = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (name === undefined || name === '') continue;
    const q = params.map((param) => param.trim()).find((param) => param.startsWith('q='));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    weights.set(name, Number.isFinite(weight) ? weight : 0);
  }
  let best: Encoding = 'identity';
  let bestWeight = 0;
  for (const encoding of available) {
    const weight = weights.get(encoding) ?? weights.get('*') ?? 0;
    if (weight > bestWeight) {
      best = encoding;
      bestWeight = weight;
    }
  }
  return best;
}
