/**
 * What a confirmation says will happen, worked out from the data the page has (pure, tested without a
 * browser): which units circulating a plan reaches, which reports closing a round leaves missing, and
 * the public address a first publication fixes.
 */

export type AudienceUnit = { unitId: string; nameTh: string; nameEn: string | null; reporters: number };

/** Circulating: the units told (in plan order), split by whether anyone can read or be reminded. */
export function circulationReach(units: readonly AudienceUnit[]) {
  return {
    reached: units.filter((u) => u.reporters > 0),
    unreached: units.filter((u) => u.reporters === 0),
  };
}

type RollupLike = {
  measures: readonly { cells: readonly { unitId: string; state: string }[] }[];
  units: readonly { unitId: string; unitNameTh: string; unitNameEn?: string | null | undefined }[];
};

export type MissingUnit = {
  unitId: string;
  unitNameTh: string;
  unitNameEn: string | null;
  /** Reports not sent: never started, a draft, or returned and not sent again. */
  notSubmitted: number;
  /** Reports sent but not accepted yet (closing leaves them unreviewed). */
  notAccepted: number;
};

/**
 * Closing a round: how many of its reports are not in (not submitted, or submitted and not accepted),
 * and which units they belong to, in the order of the round's units.
 */
export function closeRoundMissing(rollup: RollupLike) {
  const byUnit = new Map<string, { notSubmitted: number; notAccepted: number }>();
  let total = 0;
  for (const measure of rollup.measures) {
    for (const cell of measure.cells) {
      total += 1;
      const entry = byUnit.get(cell.unitId) ?? { notSubmitted: 0, notAccepted: 0 };
      if (cell.state === 'submitted') entry.notAccepted += 1;
      else if (cell.state !== 'accepted') entry.notSubmitted += 1;
      byUnit.set(cell.unitId, entry);
    }
  }
  const units: MissingUnit[] = rollup.units.flatMap((u) => {
    const entry = byUnit.get(u.unitId);
    if (!entry || entry.notSubmitted + entry.notAccepted === 0) return [];
    return [{ unitId: u.unitId, unitNameTh: u.unitNameTh, unitNameEn: u.unitNameEn ?? null, ...entry }];
  });
  return {
    total,
    notSubmitted: units.reduce((n, u) => n + u.notSubmitted, 0),
    notAccepted: units.reduce((n, u) => n + u.notAccepted, 0),
    units,
  };
}

/**
 * The address of a subject's public page: `<origin>/p/<slug>/<fiscal year>/<path key>`; the page
 * that always shows the latest version (each version also gets `/v<n>` after it).
 */
export function publicAddress(origin: string, slug: string, fiscalYear: number, pathKey: string): string {
  return `${origin.replace(/\/+$/, '')}/p/${slug}/${fiscalYear}/${pathKey}`;
}

/** The latest version number at an address among an organisation's publications (0 when none). */
export function latestVersionAt(
  publications: readonly { latestUrl: string; versionNo: number }[],
  latestUrl: string,
): number {
  return publications.reduce((n, p) => (p.latestUrl === latestUrl ? Math.max(n, p.versionNo) : n), 0);
}
