import { describe, expect, it } from 'vitest';
import { circulationReach, closeRoundMissing, latestVersionAt, publicAddress } from './consequences.ts';

describe('confirmation consequences', () => {
  it('splits the units a circulation tells by whether they have a reporter', () => {
    const units = [
      { unitId: 'a', nameTh: 'กอง ก', nameEn: 'Division A', reporters: 2 },
      { unitId: 'b', nameTh: 'กอง ข', nameEn: null, reporters: 0 },
      { unitId: 'c', nameTh: 'กอง ค', nameEn: null, reporters: 1 },
    ];
    const { reached, unreached } = circulationReach(units);
    expect(reached.map((u) => u.unitId)).toEqual(['a', 'c']);
    expect(unreached.map((u) => u.unitId)).toEqual(['b']);
  });

  it('counts the reports a close leaves missing, per unit, apart from those awaiting review', () => {
    const cell = (unitId: string, state: string) => ({ unitId, state });
    const missing = closeRoundMissing({
      measures: [
        { cells: [cell('a', 'accepted'), cell('b', 'pending'), cell('c', 'submitted')] },
        { cells: [cell('a', 'accepted'), cell('b', 'returned'), cell('c', 'draft')] },
        { cells: [cell('a', 'accepted')] },
      ],
      units: [
        { unitId: 'a', unitNameTh: 'กอง ก' },
        { unitId: 'b', unitNameTh: 'กอง ข', unitNameEn: 'Division B' },
        { unitId: 'c', unitNameTh: 'กอง ค' },
      ],
    });
    expect(missing).toEqual({
      total: 7,
      notSubmitted: 3,
      notAccepted: 1,
      units: [
        { unitId: 'b', unitNameTh: 'กอง ข', unitNameEn: 'Division B', notSubmitted: 2, notAccepted: 0 },
        { unitId: 'c', unitNameTh: 'กอง ค', unitNameEn: null, notSubmitted: 1, notAccepted: 1 },
      ],
    });
    expect(closeRoundMissing({ measures: [{ cells: [cell('a', 'accepted')] }], units: [] })).toEqual({
      total: 1,
      notSubmitted: 0,
      notAccepted: 0,
      units: [],
    });
  });

  it('writes the public address in full and finds the latest version there', () => {
    expect(publicAddress('https://ita.example.go.th/', 'tak-province', 2569, 'round/6m')).toBe(
      'https://ita.example.go.th/p/tak-province/2569/round/6m',
    );
    const pubs = [
      { latestUrl: '/p/x/2569/plan', versionNo: 1 },
      { latestUrl: '/p/x/2569/plan', versionNo: 3 },
      { latestUrl: '/p/x/2569/analysis', versionNo: 5 },
    ];
    expect(latestVersionAt(pubs, '/p/x/2569/plan')).toBe(3);
    expect(latestVersionAt(pubs, '/p/x/2568/plan')).toBe(0);
  });
});
