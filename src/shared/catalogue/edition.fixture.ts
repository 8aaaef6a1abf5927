import { stringify } from 'yaml';
import type { EditionInput } from './edition.schema.ts';

const src = ['S-TEST'];

/** A small valid edition for tests; each call returns a fresh copy to mutate. */
export function minimalEdition(): EditionInput {
  return {
    fiscal_year: 2599,
    title_th: 'ฉบับทดสอบ',
    title_en: 'Test edition',
    completeness: 'test only',
    missing: [],
    notes: [],
    sources: [{ id: 'S-TEST', title: 'Test source', url: null, reliability: 'high' }],
    instruments: [
      {
        code: 'IIT',
        name_th: 'ไอไอที',
        name_en: 'IIT',
        weight_percent: 30,
        weight_confidence: 'high',
        weight_source: src,
        confidence: 'high',
        source: src,
      },
      {
        code: 'EIT',
        name_th: 'อีไอที',
        name_en: 'EIT',
        weight_percent: 30,
        weight_confidence: 'high',
        weight_source: src,
        confidence: 'high',
        source: src,
      },
      {
        code: 'OIT',
        name_th: 'โอไอที',
        name_en: 'OIT',
        weight_percent: 40,
        weight_confidence: 'high',
        weight_source: src,
        confidence: 'high',
        source: src,
      },
    ],
    indicators: [
      {
        number: 1,
        name_th: 'การปฏิบัติหน้าที่',
        name_en: 'Duties',
        instrument: 'IIT',
        confidence: 'high',
        source: src,
      },
      {
        number: 6,
        name_th: 'คุณภาพการดำเนินงาน',
        name_en: 'Quality',
        instrument: 'EIT',
        confidence: 'high',
        source: src,
      },
      {
        number: 9,
        name_th: 'การเปิดเผยข้อมูล',
        name_en: 'Disclosure',
        instrument: 'OIT',
        confidence: 'high',
        source: src,
      },
    ],
    sub_indicators: [
      {
        code: '9.1',
        indicator: 9,
        name_th: 'ข้อมูลพื้นฐาน',
        name_en: 'Basic information',
        confidence: 'high',
        source: src,
      },
    ],
    questions: [
      {
        code: 'i1',
        display_code: 'i1',
        instrument: 'IIT',
        indicator: 1,
        text_th: 'คำถามหนึ่ง',
        answer_type: 'likert4',
        reverse_scored: false,
        confidence: 'high',
        source: src,
      },
      {
        code: 'e1',
        display_code: 'e1',
        instrument: 'EIT',
        indicator: 6,
        text_th: null,
        missing: 'not found',
        answer_type: null,
        confidence: 'low',
        source: src,
      },
      {
        code: 'o1',
        display_code: 'O1',
        instrument: 'OIT',
        indicator: 9,
        sub_indicator: '9.1',
        text_th: 'โครงสร้าง',
        answer_type: 'disclosure',
        confidence: 'high',
        source: src,
      },
    ],
    levels: {
      scheme: 'bands',
      levels: [
        { code: 'AA', name_th: 'AA', name_en: 'AA', min_total: 95, confidence: 'high' },
        { code: 'A', name_th: 'A', name_en: 'A', min_total: 85, confidence: 'high' },
        { code: 'F', name_th: 'F', name_en: 'F', min_total: 0, confidence: 'high' },
      ],
      pass_threshold: { min_total: 85, confidence: 'high', source: src },
      confidence: 'high',
      source: src,
    },
    groupings: [
      {
        code: 'pair',
        name_th: 'คู่',
        name_en: 'Pair',
        groups: [{ no: 1, name_th: 'กลุ่มหนึ่ง', name_en: 'Group one', questions: ['i1', 'o1'] }],
        confidence: 'high',
        source: src,
      },
    ],
  };
}

export function toYaml(edition: unknown): string {
  return stringify(edition, { lineWidth: 0 });
}
