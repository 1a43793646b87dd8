// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { IncidentDetail } from '../api/types';
import { I18nContext, type Lang, translator } from '../i18n';
import { Chat, Incidents, Reports } from '../test/factories';
import { Conversation } from './Conversation';

const ATTACK = '<img src=x onerror=alert(1)>';
const QUICK = ['Đã nhận tin báo, lực lượng đang tới', 'Hãy rời khỏi khu vực cháy ngay', 'Vui lòng gửi thêm ảnh'];

function show(
  detail: IncidentDetail,
  { lang = 'vi', busy = null, onSend = vi.fn(async () => true) }: {
    lang?: Lang;
    busy?: string | null;
    onSend?: (text: string, reportId: string | null) => Promise<boolean>;
  } = {},
) {
  const root = document.createElement('div');
  document.body.appendChild(root);
  act(() => {
    render(
      <I18nContext.Provider value={{ lang, t: translator(lang) }}>
        <Conversation detail={detail} busy={busy} now={Date.parse('2026-11-23T12:00:00Z')} onSend={onSend} />
      </I18nContext.Provider>,
      root,
    );
  });
  const $ = <E extends Element = HTMLElement>(id: string) => root.querySelector<E>(`[data-testid="${id}"]`)!;
  const $$ = (id: string) => [...root.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`)];
  return { root, onSend, $, $$ };
}

function type(input: HTMLTextAreaElement, text: string) {
  act(() => {
    input.value = text;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

const settle = () => act(async () => {});

afterEach(() => document.body.replaceChildren());

function incidentWithTwoReports() {
  const a = Incidents.open();
  const first = Reports.saying('cháy');
  const second = Reports.saying('khói');
  return { a, first, second, detail: (messages: IncidentDetail['messages'] = []) =>
    Incidents.detail(a, { reports: [first, second], messages }) };
}

describe('conversation panel', () => {
  it('shows a message with markup literally, creating no element', () => {
    const { a, second, detail } = incidentWithTwoReports();
    const { root, $$ } = show(detail([Chat.fromReporter(a.id, second.id, ATTACK)]));
    const text = $$('conversation-text')[0];
    expect(text.textContent).toBe(ATTACK);
    expect(text.children).toHaveLength(0);
    expect(root.querySelector('img')).toBeNull();
  });

  it('keeps line breaks, and says who wrote: reporter #n by report position, or the dispatcher', () => {
    const { a, second, detail } = incidentWithTwoReports();
    const { $$ } = show(
      detail([
        Chat.fromReporter(a.id, second.id, 'Tầng 3\nCó người mắc kẹt'),
        Chat.fromDispatcher(a.id, 'dieuphoi1', 'Đang tới', second.id),
        Chat.fromDispatcher(a.id, 'dieuphoi2', 'Rời khỏi nhà', null),
      ]),
    );
    const rows = $$('conversation-message');
    expect(rows.map((r) => r.dataset.from)).toEqual(['REPORTER', 'DISPATCHER', 'DISPATCHER']);
    expect(rows[0].querySelector('[data-testid="conversation-text"]')!.textContent).toBe('Tầng 3\nCó người mắc kẹt');
    expect(rows[0].textContent).toContain('Người báo #2');
    expect(rows[1].textContent).toContain('Điều phối viên (dieuphoi1)');
    expect(rows[1].textContent).toContain('→ Người báo #2');
    expect(rows[2].textContent).toContain('→ Tất cả người báo');
    expect(rows[0].className).not.toBe(rows[1].className);
  });

  it('offers all reporters (the default) or each reporter by number', () => {
    const { detail } = incidentWithTwoReports();
    const { $ } = show(detail());
    const select = $<HTMLSelectElement>('conversation-target');
    expect([...select.options].map((o) => o.textContent)).toEqual(['Tất cả người báo', 'Người báo #1', 'Người báo #2']);
    expect(select.value).toBe('');
  });

  it('quick replies send their exact Vietnamese text at once, to the chosen reporter', async () => {
    const { second, detail } = incidentWithTwoReports();
    const { $, $$, onSend } = show(detail());
    const replies = $$('quick-reply');
    expect(replies.map((b) => b.dataset.text)).toEqual(QUICK);
    expect(replies.map((b) => b.textContent)).toEqual(QUICK);

    act(() => {
      replies[0].click();
    });
    await settle();
    expect(onSend).toHaveBeenLastCalledWith(QUICK[0], null);

    const select = $<HTMLSelectElement>('conversation-target');
    act(() => {
      select.value = second.id;
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    act(() => {
      replies[1].click();
    });
    await settle();
    expect(onSend).toHaveBeenLastCalledWith(QUICK[1], second.id);
    expect($<HTMLTextAreaElement>('conversation-input').value).toBe('');
  });

  it('shows the quick replies in Vietnamese in the English console, with their meaning as a tooltip', () => {
    const { detail } = incidentWithTwoReports();
    const { $$ } = show(detail(), { lang: 'en' });
    const replies = $$('quick-reply');
    expect(replies.map((b) => b.textContent)).toEqual(QUICK);
    expect(replies.map((b) => b.title)).toEqual([
      'Report received, units are on the way',
      'Leave the fire area now',
      'Please send more photos',
    ]);
  });

  it('sends with Ctrl+Enter, counts characters, and clears the box once sent', async () => {
    const { detail } = incidentWithTwoReports();
    const { $, onSend } = show(detail());
    const input = $<HTMLTextAreaElement>('conversation-input');
    expect(input.maxLength).toBe(1000);
    type(input, 'Có ai bị thương không?');
    expect($('conversation-counter').textContent).toBe('22/1000 ký tự');

    act(() => {
      input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    });
    expect(onSend).not.toHaveBeenCalled();
    act(() => {
      input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true, bubbles: true }));
    });
    await settle();
    expect(onSend).toHaveBeenCalledWith('Có ai bị thương không?', null);
    expect(input.value).toBe('');
  });

  it('keeps the text when the server refuses it, and sends nothing empty or while busy', async () => {
    const { detail } = incidentWithTwoReports();
    const refused = vi.fn(async () => false);
    const { $ } = show(detail(), { onSend: refused });
    const input = $<HTMLTextAreaElement>('conversation-input');
    const send = $<HTMLButtonElement>('conversation-send');
    expect(send.disabled).toBe(true);
    type(input, '   ');
    expect(send.disabled).toBe(true);
    type(input, 'Tầng mấy?');
    act(() => send.click());
    await settle();
    expect(refused).toHaveBeenCalledWith('Tầng mấy?', null);
    expect(input.value).toBe('Tầng mấy?');

    document.body.replaceChildren();
    const busy = show(detail(), { busy: 'note' });
    expect(busy.$<HTMLButtonElement>('conversation-send').disabled).toBe(true);
    expect(busy.$$('quick-reply').every((b) => (b as HTMLButtonElement).disabled)).toBe(true);
  });
});
