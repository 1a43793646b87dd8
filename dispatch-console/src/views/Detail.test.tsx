// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { IncidentDetail, Role } from '../api/types';
import { I18nContext, type Lang, translator } from '../i18n';
import { Incidents, Trusts } from '../test/factories';
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
