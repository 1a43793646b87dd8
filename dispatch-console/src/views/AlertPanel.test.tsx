// @vitest-environment happy-dom
import { render } from 'preact';
import { useReducer } from 'preact/hooks';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AlertRequest, AreaAlert, Dispatcher, IncidentSummary } from '../api/types';
import type { AlertOutcome } from '../controller';
import { I18nContext, type Lang, translator } from '../i18n';
import { Alerts, Incidents } from '../test/factories';
import { NO_DRAWING, reduceDrawing } from './alertDraw';
import { AlertPanel } from './AlertPanel';

const NOW = Date.parse('2026-11-23T10:30:00Z');
const supervisor: Dispatcher = { username: 'giamsat', displayName: 'Giám sát', role: 'SUPERVISOR', provinces: [] };
const dispatcher: Dispatcher = {
  username: 'dieuphoi.hanoi',
  displayName: 'Trần Thu Hà',
  role: 'DISPATCHER',
  provinces: ['Hà Nội'],
};

interface Options {
  lang?: Lang;
  alerts?: AreaAlert[];
  incident?: IncidentSummary | null;
  who?: Dispatcher;
  issue?: (request: AlertRequest) => Promise<AlertOutcome>;
}

/** The panel with a real drawing state machine, as the console view holds it. */
function show({ lang = 'vi', alerts = [], incident = null, who = supervisor, issue }: Options = {}) {
  const onIssue = vi.fn(issue ?? (async () => ({ ok: true, alert: Alerts.around() }) as AlertOutcome));
  const onUpdate = vi.fn(async (alert: AreaAlert) => ({ ok: true, alert: Alerts.next(alert) }) as AlertOutcome);
  const onCancel = vi.fn(async (alert: AreaAlert) => ({ ok: true, alert: Alerts.cancelled(alert) }) as AlertOutcome);
  const onFocus = vi.fn();
  function Harness() {
    const [drawing, onDraw] = useReducer(reduceDrawing, NO_DRAWING);
    return (
      <AlertPanel
        alerts={alerts}
        loaded
        dispatcher={who}
        incident={incident}
        drawing={drawing}
        busy={null}
        now={NOW}
        onDraw={onDraw}
        onFocus={onFocus}
        onIssue={onIssue}
        onUpdate={onUpdate}
        onCancel={onCancel}
        onClose={() => {}}
      />
    );
  }
  const root = document.createElement('div');
  document.body.appendChild(root);
  act(() => {
    render(
      <I18nContext.Provider value={{ lang, t: translator(lang) }}>
        <Harness />
      </I18nContext.Provider>,
      root,
    );
  });
  const $ = <E extends HTMLElement = HTMLElement>(id: string) => root.querySelector<E>(`[data-testid="${id}"]`);
  const $$ = (id: string) => [...root.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`)];
  const click = (id: string | HTMLElement) =>
    act(() => {
      (typeof id === 'string' ? $(id)! : id).click();
    });
  const type = (id: string, text: string) =>
    act(() => {
      const input = $<HTMLInputElement>(id)!;
      input.value = text;
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
  const submit = () =>
    act(async () => {
      $('alert-form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    });
  const fieldError = (field: string) =>
    root.querySelector(`[data-testid="alert-field-error"][data-field="${field}"]`)?.textContent ?? null;
  const fillTexts = () => {
    type('alert-headline-vi', 'Cháy lớn tại phố Hàng Bạc');
    type('alert-headline-en', 'Large fire on Hàng Bạc street');
    type('alert-instruction-vi', 'Tránh xa khu vực, đóng cửa sổ.');
    type('alert-instruction-en', 'Keep away from the area, close windows.');
  };
  return { root, $, $$, click, type, submit, fieldError, fillTexts, onIssue, onUpdate, onCancel, onFocus };
}

// The panel's clock is the one its times are read against (only Date is faked: timers run).
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
});
afterEach(() => {
  vi.useRealTimers();
  document.body.replaceChildren();
});

describe('the alerts list', () => {
  it('shows each alert with its state, its headline in the console language and its revision', () => {
    const active = Alerts.around({ revision: 2, sent: '2026-11-23T10:10:00Z' });
    const cancelled = Alerts.cancelled(Alerts.around({ headline: { vi: 'Sạt lở', en: 'Landslide' } }));
    const { $$ } = show({ alerts: [active, cancelled] });
    const items = $$('alert-item');
    expect(items.map((item) => item.dataset.alertId)).toEqual([active.id, cancelled.id]);
    expect(items.map((item) => item.dataset.state)).toEqual(['ACTIVE', 'CANCELLED']);
    const [first, second] = items.map((item) => (id: string) => item.querySelector(`[data-testid="${id}"]`));
    expect(first('alert-state')!.textContent).toBe('Đang hiệu lực');
    expect(first('alert-headline')!.textContent).toBe('Cháy lớn tại phố Hàng Bạc');
    expect(first('alert-revision')!.textContent).toBe('Lần 2');
    expect(second('alert-state')!.textContent).toBe('Đã hủy');
    // What has ended can be looked at, not updated or cancelled.
    expect(second('alert-update')).toBeNull();
    expect(second('alert-cancel')).toBeNull();
    expect(second('alert-show')).not.toBeNull();
  });

  it('says the headline in English, and an expired alert as expired', () => {
    const expired = Alerts.around({ expires: '2026-11-23T10:20:00Z' });
    const { $ } = show({ lang: 'en', alerts: [expired] });
    expect($('alert-headline')!.textContent).toBe('Large fire on Hàng Bạc street');
    expect($('alert-item')!.dataset.state).toBe('EXPIRED');
    expect($('alert-state')!.textContent).toBe('Expired');
    expect($('alert-cancel')).toBeNull();
  });

  it('cancels only once confirmed, with the reason given', async () => {
    const alert = Alerts.around();
    const { $, click, type, onCancel } = show({ alerts: [alert] });
    click('alert-cancel');
    expect(onCancel).not.toHaveBeenCalled();
    expect($('alert-cancel-box')!.textContent).toContain('Người dân trong vùng sẽ nhận thông báo hủy');
    click('alert-cancel-keep');
    expect($('alert-cancel-box')).toBeNull();
    click('alert-cancel');
    type('alert-cancel-reason', 'Đám cháy đã được dập tắt');
    await act(async () => $('alert-cancel-confirm')!.click());
    await act(async () => {});
    expect(onCancel).toHaveBeenCalledWith(alert, 'Đám cháy đã được dập tắt');
    expect($('alert-cancel-box')).toBeNull();
  });
});

describe('the alert form', () => {
  it('issues an alert 500 m around the selected incident, linked to it', async () => {
    const incident = Incidents.open({ kind: 'EXPLOSION', location: { lat: 21.3856, lon: 103.0169 } });
    const { $, click, submit, fillTexts, onIssue, onFocus } = show({ incident });
    expect($('alert-area-summary')!.textContent).toBe('Chưa có vùng: vẽ trên bản đồ.');
    click('alert-around-incident');
    expect($('alert-area-summary')!.dataset.shape).toBe('circle');
    expect($('alert-area-summary')!.textContent).toContain('bán kính 500 m');
    expect($<HTMLInputElement>('alert-radius')!.value).toBe('500');
    expect($<HTMLInputElement>('alert-link-incident')!.checked).toBe(true);
    expect($<HTMLSelectElement>('alert-event')!.value).toBe('EXPLOSION');
    expect(onFocus).toHaveBeenCalledWith({ circle: { center: incident.location, radiusM: 500 } });
    fillTexts();
    await submit();
    expect(onIssue).toHaveBeenCalledOnce();
    const request = onIssue.mock.calls[0][0];
    expect(request).toMatchObject({
      event: 'EXPLOSION',
      headline: { vi: 'Cháy lớn tại phố Hàng Bạc', en: 'Large fire on Hàng Bạc street' },
      area: { circle: { center: incident.location, radiusM: 500 } },
      incidentId: incident.id,
    });
    // Sent: a fresh form, no area.
    expect($<HTMLInputElement>('alert-headline-vi')!.value).toBe('');
    expect($('alert-area-summary')!.dataset.shape).toBe('');
  });

  it('takes a typed radius', async () => {
    const incident = Incidents.open();
    const { $, click, type, submit, fillTexts, onIssue, fieldError } = show({ incident });
    click('alert-around-incident');
    type('alert-radius', '20');
    expect(fieldError('area')).toBe('Bán kính phải từ 50 m trở lên.');
    type('alert-radius', '1500');
    expect(fieldError('area')).toBeNull();
    expect($('alert-area-summary')!.textContent).toContain('bán kính 1,5 km');
    fillTexts();
    await submit();
    expect(onIssue.mock.calls[0][0].area).toEqual({ circle: { center: incident.location, radiusM: 1500 } });
  });

  it('says what is missing, field by field, and sends nothing', async () => {
    const { $, submit, fieldError, onIssue } = show();
    await submit();
    expect(onIssue).not.toHaveBeenCalled();
    expect($('alert-error')!.textContent).toBe('Hãy sửa các ô được đánh dấu.');
    expect(fieldError('headline.vi')).toBe('Không được để trống.');
    expect(fieldError('instruction.en')).toBe('Không được để trống.');
    expect(fieldError('area')).toBe('Hãy vẽ vùng cảnh báo trên bản đồ.');
  });

  it("shows the server's refusal: an area outside the dispatcher's provinces, and its field errors", async () => {
    const refused: AlertOutcome = {
      ok: false,
      error: { kind: 'error', key: 'alertProblem.out-of-jurisdiction', detail: 'The area touches Bắc Ninh' },
      fields: { 'headline.en': 'must not contain control characters' },
    };
    const { $, click, submit, fillTexts, fieldError } = show({
      who: dispatcher,
      incident: Incidents.open(),
      issue: async () => refused,
    });
    expect($('alerts-jurisdiction')!.textContent).toBe('Bạn chỉ phát được cảnh báo trong địa bàn: Hà Nội');
    click('alert-around-incident');
    fillTexts();
    await submit();
    expect($('alert-error')!.textContent).toBe('Vùng cảnh báo có phần nằm ngoài địa bàn của bạn.');
    expect($('alert-error-detail')!.textContent).toBe('The area touches Bắc Ninh');
    expect(fieldError('headline.en')).toBe('must not contain control characters');
    // Nothing was lost: the dispatcher can change the area and send again.
    expect($<HTMLInputElement>('alert-headline-vi')!.value).toBe('Cháy lớn tại phố Hàng Bạc');
    expect($('alert-area-summary')!.dataset.shape).toBe('circle');
  });

  it('updates an alert from its own values and area, sending it with the revision it replaces', async () => {
    const alert = Alerts.around({ revision: 3, expires: '2026-11-23T13:00:00Z' });
    const { $, click, type, submit, onUpdate, onFocus } = show({ alerts: [alert] });
    click('alert-update');
    expect($('alert-form')!.dataset.editing).toBe(alert.id);
    expect($<HTMLInputElement>('alert-headline-en')!.value).toBe(alert.headline.en);
    expect($('alert-area-summary')!.dataset.shape).toBe('circle');
    expect(onFocus).toHaveBeenCalledWith(alert.area);
    type('alert-headline-vi', 'Cháy lan sang phố Hàng Bè');
    await submit();
    expect(onUpdate).toHaveBeenCalledOnce();
    const [which, request] = onUpdate.mock.calls[0] as unknown as [AreaAlert, AlertRequest];
    expect(which).toBe(alert);
    expect(request.headline.vi).toBe('Cháy lan sang phố Hàng Bè');
    expect(request.area).toEqual(alert.area);
    expect(request.expiresAt).toBe('2026-11-23T13:00:00.000Z');
    // Done: back to a new alert.
    expect($('alert-form')!.dataset.editing).toBeUndefined();
  });

  it('draws a polygon from the form buttons: undo, finish, or Esc', () => {
    const { $, click } = show();
    click('alert-draw-polygon');
    expect($('alert-draw-hint')!.dataset.tool).toBe('polygon');
    expect($<HTMLButtonElement>('alert-draw-finish')!.disabled).toBe(true);
    expect($<HTMLButtonElement>('alert-submit')!.disabled).toBe(true);
    click('alert-draw-cancel');
    expect($('alert-draw-hint')).toBeNull();
    expect($<HTMLButtonElement>('alert-submit')!.disabled).toBe(false);
  });
});
