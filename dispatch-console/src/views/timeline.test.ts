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

  it('say who wrote a message and that messages were read, without quoting them', () => {
    expect(describeTimelineEntry(entry({ type: 'MessageSent', from: 'REPORTER' }), vi)).toBe('Người báo nhắn tin');
    expect(describeTimelineEntry(entry({ type: 'MessageSent', from: 'DISPATCHER', actor: 'dieuphoi1' }), vi)).toBe(
      'Điều phối viên nhắn tin',
    );
    expect(describeTimelineEntry(entry({ type: 'MessageSent', from: 'DISPATCHER', text: 'bí mật' }), en)).toBe(
      'The dispatcher sent a message',
    );
    // Without `from`, a dispatcher's message is the one with an actor.
    expect(describeTimelineEntry(entry({ type: 'MessageSent', actor: 'dieuphoi1' }), en)).toBe(
      'The dispatcher sent a message',
    );
    expect(describeTimelineEntry(entry({ type: 'MessageSent' }), en)).toBe('The reporter sent a message');
    expect(describeTimelineEntry(entry({ type: 'MessagesRead', actor: 'dieuphoi1' }), vi)).toBe('Đã đọc tin nhắn');
    expect(describeTimelineEntry(entry({ type: 'MessagesRead' }), en)).toBe('Messages read');
  });

  it('say that an area alert about the incident was issued, updated or cancelled', () => {
    expect(describeTimelineEntry(entry({ type: 'AlertIssued', actor: 'giamsat' }), vi)).toBe('Phát cảnh báo khu vực');
    expect(describeTimelineEntry(entry({ type: 'AlertUpdated' }), vi)).toBe('Cập nhật cảnh báo khu vực');
    expect(describeTimelineEntry(entry({ type: 'AlertCancelled' }), en)).toBe('Area alert cancelled');
  });

  it('word a fire alarm with its zone, and say that a restore does not close the incident', () => {
    expect(describeTimelineEntry(entry({ type: 'IncidentOpened', zone: '015' }), vi)).toBe(
      'Báo cháy tự động, mở sự cố (vùng 015)',
    );
    expect(describeTimelineEntry(entry({ type: 'AlarmSignalled', zone: '016' }), vi)).toBe('Báo cháy tự động: vùng 016');
    expect(describeTimelineEntry(entry({ type: 'AlarmRestored', zone: '015' }), vi)).toBe(
      'Vùng 015: đã khôi phục (không đóng sự cố)',
    );
    expect(describeTimelineEntry(entry({ type: 'AlarmRestored', zone: '015' }), en)).toBe(
      'Zone 015: restored (does not close the incident)',
    );
    expect(describeTimelineEntry(entry({ type: 'ReportJoined', reportCount: 3, zone: '002' }), en)).toBe(
      'Automatic fire alarm joined the incident (zone 002, 3 reports in all)',
    );
    // Without a zone: a citizen's first report, and an alarm whose zone is not known.
    expect(describeTimelineEntry(entry({ type: 'IncidentOpened' }), vi)).toBe('Tin báo đầu tiên, mở sự cố');
    expect(describeTimelineEntry(entry({ type: 'AlarmSignalled' }), en)).toBe('Automatic fire alarm: zone ?');
  });

  it('still say something for an event type this console does not know yet', () => {
    expect(describeTimelineEntry(entry({ type: 'SomethingNew' }), en)).toBe('Event SomethingNew');
  });
});
