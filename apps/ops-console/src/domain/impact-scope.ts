/** Who asks for impact figures, as far as the scope of the figures goes. */
export interface ImpactAsker {
  role: string;
  municipalityCodes?: readonly string[];
}

/** The answer: the municipalities to report (every one when undefined), or a refusal. */
export type ImpactScope = { municipalityCodes?: readonly string[] } | { refused: string };

/**
 * A policy officer sees the aggregates of the municipalities of their token only: asking for
 * another is refused; asking for none gives theirs. Everyone else the route lets in sees every
 * municipality.
 */
export function impactScope(asker: ImpactAsker, asked: string | undefined): ImpactScope {
  if (asker.role !== 'policy') return { municipalityCodes: asked === undefined ? undefined : [asked] };
  const own = asker.municipalityCodes ?? [];
  if (asked === undefined) return { municipalityCodes: own };
  if (!own.includes(asked)) return { refused: `The figures of ${asked} are not among your municipalities` };
  return { municipalityCodes: [asked] };
}
