import { describe, expect, it } from 'vitest';
import { translator } from '../i18n';
import { clusterSize, clusterTone } from './clusters';
import { describeTrustReason } from './trust';

const vi = translator('vi');
const en = translator('en');

describe('trust reasons in words', () => {
  it('say a busy address with its count and minutes', () => {
    const reason = { code: 'BUSY_ADDRESS', count: 40, minutes: 5 };
    expect(describeTrustReason(reason, vi)).toBe('40 tin báo từ cùng một địa chỉ trong 5 phút');
    expect(describeTrustReason(reason, en)).toBe('40 reports from one address in 5 minutes');
    expect(describeTrustReason({ code: 'BUSY_ADDRESS', count: 3, minutes: 1 }, en)).toBe(
      '3 reports from one address in 1 minute',
    );
  });

  it('say the device and corroboration reasons', () => {
    expect(describeTrustReason({ code: 'NEW_DEVICE' }, vi)).toBe('Thiết bị mới');
    expect(describeTrustReason({ code: 'NEW_DEVICE' }, en)).toBe('New device');
    expect(describeTrustReason({ code: 'MANY_REPORTERS', count: 12 }, vi)).toBe('Nhiều người cùng báo (12)');
    expect(describeTrustReason({ code: 'MANY_REPORTERS', count: 12 }, en)).toBe('Reported by many (12)');
    expect(describeTrustReason({ code: 'NO_DEVICE' }, vi)).toBe('Báo không qua thiết bị đã đăng ký');
    expect(describeTrustReason({ code: 'DEVICE_FALSE_ALARMS', count: 1 }, en)).toBe('1 false alarm from this device');
    expect(describeTrustReason({ code: 'DEVICE_FALSE_ALARMS', count: 3 }, vi)).toBe('Thiết bị đã báo giả 3 lần');
    expect(describeTrustReason({ code: 'DEVICE_CONFIRMED', count: 2 }, vi)).toBe('Thiết bị đã báo đúng cháy thật 2 lần');
    expect(describeTrustReason({ code: 'FAR_FROM_DEVICE' }, en)).toBe("Far from the device's other reports");
    expect(describeTrustReason({ code: 'ALARM_DEVICE' }, vi)).toBe('Do thiết bị báo cháy tự động của cơ sở gửi');
    expect(describeTrustReason({ code: 'ALARM_DEVICE' }, en)).toBe("Signalled by the building's automatic fire alarm");
  });

  it('name an unknown code (a newer server) rather than hide it, and mark a missing count', () => {
    expect(describeTrustReason({ code: 'SATELLITE_HOTSPOT' }, vi)).toBe('Lưu ý khác (SATELLITE_HOTSPOT)');
    expect(describeTrustReason({ code: 'MANY_REPORTERS' }, en)).toBe('Reported by many (?)');
  });
});

describe('map clusters', () => {
  it('are coloured like NEW when at least half of their incidents are NEW', () => {
    expect(clusterTone(['NEW', 'NEW', 'ACKNOWLEDGED'])).toBe('new');
    expect(clusterTone(['NEW', 'DISPATCHED'])).toBe('new');
    expect(clusterTone(['NEW', 'DISPATCHED', 'ON_SCENE'])).toBe('mixed');
    expect(clusterTone([])).toBe('mixed');
  });

  it('grow with their count', () => {
    expect(clusterSize(3)).toBeLessThan(clusterSize(30));
    expect(clusterSize(300)).toBeLessThan(clusterSize(30_000));
  });
});
