// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import type { IncidentSummary } from '../api/types';
import { I18nContext, type Lang, translator } from '../i18n';
import { Incidents } from '../test/factories';
import { Queue } from './Queue';

function show(queue: IncidentSummary[], lang: Lang = 'vi'): HTMLElement {
  const root = document.createElement('div');
  document.body.appendChild(root);
  act(() => {
    render(
      <I18nContext.Provider value={{ lang, t: translator(lang) }}>
        <Queue queue={queue} selectedId={null} fresh={{}} loaded now={Date.parse('2026-11-23T10:05:00Z')} onSelect={() => {}} />
      </I18nContext.Provider>,
      root,
    );
  });
  return root;
}

const badgeOf = (root: HTMLElement, incident: IncidentSummary) =>
  root.querySelector(`[data-incident-id="${incident.id}"] [data-testid="unread-badge"]`);

afterEach(() => document.body.replaceChildren());

describe('unread messages in the queue', () => {
  it('show as a ✉ badge with a spoken label, only on rows that have some', () => {
    const quiet = Incidents.open();
    const waiting = Incidents.open({ status: 'ACKNOWLEDGED', unreadMessages: 2 });
    const root = show([quiet, waiting]);
    expect(badgeOf(root, quiet)).toBeNull();
    const badge = badgeOf(root, waiting)!;
    expect(badge.textContent).toBe('✉ 2');
    expect(badge.getAttribute('aria-label')).toBe('2 tin nhắn chưa đọc');
  });

  it('are read out with the English plural', () => {
    const one = Incidents.open({ unreadMessages: 1 });
    const three = Incidents.open({ unreadMessages: 3 });
    const root = show([one, three], 'en');
    expect(badgeOf(root, one)!.getAttribute('aria-label')).toBe('1 unread message');
    expect(badgeOf(root, three)!.getAttribute('aria-label')).toBe('3 unread messages');
  });

  it('do not count as new incidents', () => {
    const root = show([Incidents.open({ status: 'ACKNOWLEDGED', unreadMessages: 4 })]);
    expect(root.querySelector('[data-testid="new-count"]')).toBeNull();
  });
});

describe('fire-alarm incidents in the queue', () => {
  const rowOf = (root: HTMLElement, incident: IncidentSummary) =>
    root.querySelector<HTMLElement>(`[data-testid="incident-row"][data-incident-id="${incident.id}"]`)!;

  it('carry the alarm mark, read out, with the premises name and zone', () => {
    const alarm = Incidents.alarm();
    const citizen = Incidents.open();
    const root = show([alarm, citizen]);
    const row = rowOf(root, alarm);
    const badge = row.querySelector('[data-testid="alarm-badge"]')!;
    expect(badge.getAttribute('aria-label')).toBe('Báo cháy tự động');
    expect(badge.textContent).toBe('Báo tự động');
    expect(row.dataset.alarm).toBe('true');
    expect(row.querySelector('[data-testid="incident-premises"]')!.textContent).toBe('Tràng Tiền Plaza');
    expect(row.querySelector('[data-testid="incident-zone"]')!.textContent).toBe('Vùng 015');
    const plain = rowOf(root, citizen);
    expect(plain.querySelector('[data-testid="alarm-badge"]')).toBeNull();
    expect(plain.querySelector('[data-testid="incident-premises"]')).toBeNull();
    expect(plain.dataset.alarm).toBeUndefined();
  });

  it('are marked by their source alone, and in English', () => {
    const opened = Incidents.open({ source: 'ALARM_DEVICE' });
    const root = show([opened], 'en');
    const row = rowOf(root, opened);
    expect(row.querySelector('[data-testid="alarm-badge"]')!.getAttribute('aria-label')).toBe('Automatic fire alarm');
    expect(row.querySelector('[data-testid="incident-premises"]')).toBeNull();
  });

  it('show a premises name as text, never as markup', () => {
    const hostile = Incidents.alarm({ premises: { id: 'p', name: '<img src=x onerror=alert(1)>' } });
    const root = show([hostile]);
    expect(rowOf(root, hostile).querySelector('[data-testid="incident-premises"]')!.textContent).toBe(
      '<img src=x onerror=alert(1)>',
    );
    expect(root.querySelector('img')).toBeNull();
    expect(rowOf(root, hostile).querySelector('[data-testid="incident-zone"]')).toBeNull();
  });
});
