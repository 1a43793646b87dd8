import { describe, expect, it } from 'vitest';
import type { TimelineEntry } from '../api/types';
import { translator } from '../i18n';
import { describeTimelineEntry } from './timeline';

const entry = (fields: Partial<TimelineEntry> & { type: string }): TimelineEntry => ({
  seq: 1,
  at: '2026-12-01T10:00:00Z',
  actor: null,
  ...fields,
});

const vi = translator('vi');
const en = translator('en');

describe('timeline entries', () => {
  it('read in Vietnamese with the statuses and unit statuses translated', () => {
    expect(describeTimelineEntry(entry({ type: 'IncidentStatusChanged', from: 'DISPATCHED', to: 'ON_SCENE' }), vi)).toBe(
      'Đã điều xe → Tại hiện trường',
    );
    expect(
      describeTimelineEntry(entry({ type: 'UnitStatusChanged', unit: { callsign: 'ĐB-01', status: 'RETURNING' } }), vi),
    ).toBe('Xe ĐB-01: Đang về');
    expect(describeTimelineEntry(entry({ type: 'ReportJoined', reportCount: 7 }), vi)).toBe('Thêm tin báo (tổng 7)');
    expect(describeTimelineEntry(entry({ type: 'UnitsDispatched', units: ['ĐB-01', 'ĐB-02'] }), vi)).toBe(
      'Điều xe: ĐB-01, ĐB-02',
    );
  });

  it('keep what the dispatcher typed as it was typed', () => {
    expect(describeTimelineEntry(entry({ type: 'NoteAdded', text: '<b>Cùng đám cháy</b>' }), vi)).toBe(
      'Ghi chú: <b>Cùng đám cháy</b>',
    );
    expect(
      describeTimelineEntry(
        entry({ type: 'IncidentStatusChanged', from: 'NEW', to: 'FALSE_ALARM', reason: 'đốt rơm rạ' }),
        en,
      ),
    ).toBe('New → False alarm: đốt rơm rạ');
  });

  it('name the other incident of a merge by its short id', () => {
    const text = describeTimelineEntry(
      entry({ type: 'IncidentMerged', otherIncidentId: '21ab2ce4-08ce-4257-9b5a-e2c50213de57' }),
      vi,
    );
    expect(text).toContain('Gộp vào sự cố #');
    expect(text).not.toContain('merged');
  });

  it('still say something for an event type this console does not know yet', () => {
    expect(describeTimelineEntry(entry({ type: 'SomethingNew' }), en)).toBe('Event SomethingNew');
  });
});
