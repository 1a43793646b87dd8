import { describe, expect, it } from 'vitest';
import { translator } from '../i18n';
import { Incidents } from '../test/factories';
import { incidentMarkerStyle, incidentTooltip } from './markers';
import { theme } from './palette';

const vi = translator('vi');
const en = translator('en');

describe('incident markers', () => {
  it('draw an alarm incident with a dashed outline and the alarm class, a citizen one without', () => {
    const alarm = incidentMarkerStyle(Incidents.alarm(), false);
    expect(alarm.dashArray).toBe('5 3');
    expect(alarm.className.split(' ')).toEqual(['marker-new', 'marker-alarm']);
    const plain = incidentMarkerStyle(Incidents.open({ status: 'ACKNOWLEDGED' }), false);
    expect(plain.dashArray).toBeUndefined();
    expect(plain.className).toBe('');
    // The selection's outline stays the focus colour, alarm or not.
    expect(incidentMarkerStyle(Incidents.alarm(), true).color).toBe(theme.focus);
  });

  it("say in the tooltip that it is an automatic fire alarm, with the premises' name and zone", () => {
    const incident = Incidents.alarm({ id: '21ab2ce4-08ce-4257-9b5a-e2c50213de57' });
    expect(incidentTooltip(incident, vi)).toBe(
      '#13DE57 · Mới · Cháy · Hà Nội · Báo cháy tự động · Tràng Tiền Plaza · Vùng 015',
    );
    expect(incidentTooltip(Incidents.open({ id: incident.id, source: 'ALARM_DEVICE' }), en)).toBe(
      '#13DE57 · New · Fire · Hà Nội · Automatic fire alarm',
    );
    expect(incidentTooltip(Incidents.open({ id: incident.id }), vi)).toBe('#13DE57 · Mới · Cháy · Hà Nội');
  });
});
