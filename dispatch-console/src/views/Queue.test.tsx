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
