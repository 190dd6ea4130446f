import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_METRIC_SETTINGS } from '../../src/metrics/defaults.js';
import { surveyItemsFromHeader, withSurveyItems } from '../../src/pipeline/survey-items.js';

const root = resolve(__dirname, '../..');

describe('survey items without an indicator system', () => {
  it('takes the answer columns of the sample survey and leaves out 调查方式, 年龄段 and the weight', async () => {
    // samples/survey.csv: 问卷编号,所属社区,调查方式,年龄段,权重,q1..q8 (answers 1..5, 9 = 不清楚).
    const items = await surveyItemsFromHeader({ path: join(root, 'samples', 'survey.csv'), mapping: null });
    expect(items).toEqual(['q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7', 'q8']);
  });

  it('accepts five-level labels and tolerates a few other codes, but not a mostly-text column', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'govscore-items-'));
    const file = join(dir, 's.csv');
    // "a": digits (9 = don't know among them) → item; "b": labels → item; "note": free text → not an item.
    writeFileSync(file, 'unit,a,b,note\nX,5,满意,ok\nX,4,非常满意,fine\nX,9,不满意,meh\nX,3,,\nY,1,基本满意,bad\n');
    expect(await surveyItemsFromHeader({ path: file, mapping: null })).toEqual(['a', 'b']);
  });

  it('keeps configured items as they are', async () => {
    const configured = { ...DEFAULT_METRIC_SETTINGS, survey: { items: [{ id: 'q1', dimension: null, weight: 2 }], minN: 30 } };
    expect(await withSurveyItems(configured, { path: 'never-read.csv', mapping: null })).toBe(configured);
    expect(await withSurveyItems(DEFAULT_METRIC_SETTINGS, null)).toBe(DEFAULT_METRIC_SETTINGS);
  });
});
