import { describe, expect, it } from 'vitest';
import { barChartSvg, clearOfLines, estimateWidthEm } from './bar-chart-svg.ts';

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
  it('never lets a threshold line run through a value label (labels measured, moved past the line)', () => {
    const bars = Array.from({ length: 61 }, (_, i) => ({
      label: `ข้อ ${i}`,
      value: 70 + i * 0.5,
      mark: 'urgent' as const,
    }));
    for (const digits of ['thai', 'arabic'] as const) {
      const svg = barChartSvg(
        { kind: 'barChart', title: 'คะแนน', max: 100, bars, lines: [{ value: 85, label: 'เกณฑ์ 85.00' }] },
        { digits, bodySizePt: 11, id: 'c' },
      );
      const lineX = Number(/<line x1="([\d.]+)"[^>]*stroke-dasharray/.exec(svg)?.[1]);
      expect(lineX).toBeGreaterThan(0);
      const fs = 11 * 0.8;
      const labels = [...svg.matchAll(/<text x="([\d.]+)"[^>]*font-weight="bold">([^<]+)<\/text>/g)];
      expect(labels).toHaveLength(bars.length);
      for (const [, x, text] of labels) {
        const start = Number(x);
        const end = start + estimateWidthEm(text!) * fs * 1.08;
        expect(lineX < start || lineX > end, `${text} at ${start}–${end}, line at ${lineX}`).toBe(true);
      }
    }
  });

  it('clearOfLines moves a label past every line it would touch, and leaves others', () => {
    expect(clearOfLines(100, 30, [50, 200])).toBe(100);
    expect(clearOfLines(100, 30, [110])).toBe(113);
    expect(clearOfLines(100, 30, [110, 130])).toBe(133);
  });
});
