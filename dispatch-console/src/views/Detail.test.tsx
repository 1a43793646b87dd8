// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { IncidentDetail, Role } from '../api/types';
import { I18nContext, type Lang, translator } from '../i18n';
import { Incidents, Premises, Reports, Trusts } from '../test/factories';
import { Detail } from './Detail';
import { MessageArea } from './MessageArea';

const yes = async () => true;

function show(detail: IncidentDetail, { role, lang = 'vi' }: { role?: Role; lang?: Lang } = {}) {
  const onProvince = vi.fn(yes);
  const root = document.createElement('div');
  document.body.appendChild(root);
  act(() => {
    render(
      <I18nContext.Provider value={{ lang, t: translator(lang) }}>
        <Detail
          selectedId={detail.id}
          detail={detail}
          picked={[]}
          busy={null}
          candidates={[]}
          now={Date.parse('2026-11-23T10:05:00Z')}
          loadPhoto={() => Promise.reject(new Error('no photos'))}
          onTogglePick={() => {}}
          onAcknowledge={yes}
          onDispatch={yes}
          onStatus={yes}
          onNote={yes}
          onMerge={yes}
          onSendMessage={yes}
          onUnitStatus={yes}
          role={role}
          onProvince={onProvince}
        />
      </I18nContext.Provider>,
      root,
    );
  });
  const $ = <E extends Element = HTMLElement>(id: string) => root.querySelector<E>(`[data-testid="${id}"]`);
  return { root, $, onProvince };
}

afterEach(() => document.body.replaceChildren());

describe('trust in the detail', () => {
  it('gives the level, the score and the reasons in words, and the burst it belongs to', () => {
    const incident = Incidents.open({
      trust: Trusts.unverified([
        { code: 'BUSY_ADDRESS', count: 40, minutes: 5 },
        { code: 'NEW_DEVICE' },
        { code: 'MANY_REPORTERS', count: 12 },
      ]),
      burst: { key: 'ip:203.0.113.7', size: 14 },
    });
    const { $, root } = show(Incidents.detail(incident));
    expect($('trust')!.dataset.level).toBe('UNVERIFIED');
    expect($('trust-level')!.textContent).toBe('Chưa xác minh');
    const reasons = [...root.querySelectorAll('[data-testid="trust-reason"]')].map((r) => r.textContent);
    expect(reasons).toEqual([
      '40 tin báo từ cùng một địa chỉ trong 5 phút',
      'Thiết bị mới',
      'Nhiều người cùng báo (12)',
    ]);
    expect($('burst-info')!.textContent).toBe('Một trong 14 sự cố từ cùng một nguồn trong 10 phút');
  });

  it('says so in English', () => {
    const incident = Incidents.open({ trust: Trusts.trusted([{ code: 'DEVICE_CONFIRMED', count: 3 }]) });
    const { $, root } = show(Incidents.detail(incident), { lang: 'en' });
    expect($('trust-level')!.textContent).toBe('Trusted');
    expect(root.querySelector('[data-testid="trust-reason"]')!.textContent).toBe(
      'Earlier reports from this device were real fires (3)',
    );
    expect($('burst-info')).toBeNull();
  });
});

describe('moving an incident to another province', () => {
  it('is not offered to a dispatcher', () => {
    const { $ } = show(Incidents.detail(Incidents.open()), { role: 'DISPATCHER' });
    expect($('province-select')).toBeNull();
    expect($('action-province')).toBeNull();
  });

  it.each(['SUPERVISOR', 'ADMIN'] as const)('is offered to a %s: the 34 provinces, current one first chosen', (role) => {
    const { $, onProvince } = show(Incidents.detail(Incidents.open({ province: 'Hà Nội' })), { role });
    const select = $<HTMLSelectElement>('province-select')!;
    expect(select.options).toHaveLength(34);
    expect(select.value).toBe('Hà Nội');
    const button = $<HTMLButtonElement>('action-province')!;
    expect(button.disabled).toBe(true);
    act(() => {
      select.value = 'Bắc Ninh';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(button.disabled).toBe(false);
    act(() => button.click());
    expect(onProvince).toHaveBeenCalledWith('Bắc Ninh');
  });
});

describe('a translated refusal', () => {
  it("shows the console's sentence, and the server's words on a second line as text", () => {
    const root = document.createElement('div');
    document.body.appendChild(root);
    const detail = 'Already acknowledged by <b>Nguyễn Văn A</b>';
    act(() => {
      render(
        <I18nContext.Provider value={{ lang: 'vi', t: translator('vi') }}>
          <MessageArea message={{ kind: 'error', key: 'problem.already-acknowledged', detail }} onDismiss={() => {}} />
        </I18nContext.Provider>,
        root,
      );
    });
    expect(root.querySelector('[data-testid="message-text"]')!.textContent).toBe('Sự cố này đã được tiếp nhận');
    expect(root.querySelector('[data-testid="message-detail"]')!.textContent).toBe(detail);
    expect(root.querySelector('b')).toBeNull();
  });
});

describe('the premises card of a fire-alarm incident', () => {
  const alarmDetail = (card = Premises.card(), overrides = {}) =>
    Incidents.detail(Incidents.alarm(), { premises: card, ...overrides });

  it('gives the building, its floors and alarm zones, the transmitter and whom to call', () => {
    const card = Premises.card({
      zones: ['015', '016'],
      contacts: [
        { name: 'Bảo vệ', phone: '0243 826 1234' },
        { name: 'Trưởng ca kỹ thuật', phone: '+84 (912) 345-678' },
      ],
      device: {
        state: 'FAULT',
        since: '2026-11-23T08:00:00Z',
        lastSignalAt: '2026-11-23T10:04:00Z',
        fault: { code: '373', zone: '005', format: 'ADM-CID' },
      },
    });
    const { $, root } = show(alarmDetail(card));
    expect($('premises-card')!.dataset.premisesId).toBe('prem-1');
    expect($('premises-name')!.textContent).toBe('Tràng Tiền Plaza');
    expect($('premises-address')!.textContent).toBe('24 Hai Bà Trưng, Hoàn Kiếm, Hà Nội');
    expect($('premises-floors')!.textContent).toBe('Số tầng: 7');
    expect($('premises-zones')!.textContent).toBe('Vùng báo cháy: 015, 016');
    expect($('premises-notes')!.textContent).toBe('Tủ trung tâm báo cháy ở tầng hầm B1');
    expect($('device-state')!.textContent).toBe('Lỗi');
    expect($('premises-device')!.textContent).toContain('từ 2 giờ 5 phút trước');
    expect($('device-fault')!.textContent).toBe(' · Mã lỗi 373, vùng 005');
    const contacts = [...root.querySelectorAll('[data-testid="premises-contact"]')];
    expect(contacts.map((c) => c.querySelector('[data-testid="contact-name"]')!.textContent)).toEqual([
      'Bảo vệ',
      'Trưởng ca kỹ thuật',
    ]);
    const links = contacts.map((c) => c.querySelector('a[data-testid="contact-phone"]')!);
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['tel:02438261234', 'tel:+84912345678']);
    expect(links[0].textContent).toBe('☎ 0243 826 1234');
    // The header carries the alarm mark too.
    expect(root.querySelector('header [data-testid="alarm-badge"]')!.getAttribute('aria-label')).toBe(
      'Báo cháy tự động',
    );
  });

  it('reads in English', () => {
    const card = Premises.card({ device: { state: 'SILENT', since: '2026-11-23T10:00:00Z' }, floors: 1 });
    const { $ } = show(alarmDetail(card), { lang: 'en' });
    expect($('premises-floors')!.textContent).toBe('Floors: 1');
    expect($('device-state')!.textContent).toBe('Silent');
    expect($('premises-device')!.textContent).toContain('No signal received yet');
  });

  it('shows typed text as text, and a number it cannot dial without a link', () => {
    const card = Premises.card({
      name: '<b>Kho</b>',
      notes: '<img src=x onerror=alert(1)>',
      contacts: [
        { name: '<script>x()</script>', phone: 'javascript:alert(1)' },
        { name: 'Lễ tân', phone: '0243 826 1234 máy lẻ 12' },
      ],
    });
    const { $, root } = show(alarmDetail(card));
    expect($('premises-name')!.textContent).toBe('<b>Kho</b>');
    expect($('premises-notes')!.textContent).toBe('<img src=x onerror=alert(1)>');
    expect(root.querySelector('[data-testid="premises-card"] b, [data-testid="premises-card"] img, script')).toBeNull();
    expect(root.querySelectorAll('[data-testid="premises-card"] a')).toHaveLength(0);
    const phones = [...root.querySelectorAll('[data-testid="contact-phone"]')].map((p) => p.textContent);
    expect(phones).toEqual(['javascript:alert(1)', '0243 826 1234 máy lẻ 12']);
  });

  it('leaves out what the premises does not have, and says when no one is to call', () => {
    const card = Premises.card({ floors: undefined, notes: undefined, zones: [], contacts: [] });
    const { $, root } = show(alarmDetail(card));
    expect($('premises-floors')).toBeNull();
    expect($('premises-notes')).toBeNull();
    expect($('premises-zones')).toBeNull();
    expect(root.querySelector('[data-testid="premises-card"]')!.textContent).toContain('Chưa có người liên hệ.');
  });

  it('is not shown for a citizen incident', () => {
    const { $ } = show(Incidents.detail(Incidents.open()));
    expect($('premises-card')).toBeNull();
    expect($('alarm-badge')).toBeNull();
  });

  it("names the alarm's own report after the transmitter, not an anonymous reporter", () => {
    const report = Reports.saying(null, { reporter: null, source: 'ALARM_DEVICE' });
    const { $ } = show(alarmDetail(Premises.card(), { reports: [report] }));
    expect($('reporter-name')!.textContent).toBe('Thiết bị báo cháy tự động');
  });
});
