import { describe, expect, it } from 'vitest';
import { barChartSvg, estimateWidthEm } from './bar-chart-svg.ts';

const WIDTH = 453.5;

describe('barChartSvg', () => {
  it('leaves room for the widest value label, in Thai or Arabic digits (nothing cut off at the right)', () => {
    for (const digits of ['thai', 'arabic'] as const) {
      const svg = barChartSvg(
        {
          kind: 'barChart',
          title: 'คะแนน',
          max: 100,
          bars: [{ label: 'คุณภาพการดำเนินงาน', value: 100 }],
          lines: [],
        },
        { digits, bodySizePt: 11, id: 'c' },
      );
      const label = digits === 'thai' ? '๑๐๐.๐๐' : '100.00';
      const x = Number(new RegExp(`<text x="([\\d.]+)"[^>]*>${label}</text>`).exec(svg)?.[1]);
      expect(x).toBeGreaterThan(0);
      expect(x + estimateWidthEm(label) * 11 * 0.8).toBeLessThanOrEqual(WIDTH);
    }
  });
});
