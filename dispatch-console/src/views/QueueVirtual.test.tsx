// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { IncidentSummary } from '../api/types';
import { I18nContext, type Lang, translator } from '../i18n';
import { moveInQueue, queueRows, sortQueue } from '../state/queue';
import { Incidents, Trusts } from '../test/factories';
import { Queue, type QueueProps } from './Queue';

const NOW = Date.parse('2026-11-23T12:00:00Z');

/** `n` NEW incidents, one a second, in queue order (the newest first). */
function many(n: number, overrides: (i: number) => Partial<IncidentSummary> = () => ({})): IncidentSummary[] {
  const list: IncidentSummary[] = [];
  for (let i = 0; i < n; i++) {
    const at = new Date(NOW - i * 1000).toISOString();
    list.push(Incidents.open({ openedAt: at, lastReportAt: at, firstReportAt: at, ...overrides(i) }));
  }
  return sortQueue(Object.fromEntries(list.map((x) => [x.id, x])));
}

type Props = Partial<QueueProps> & { queue: IncidentSummary[] };

function show(props: Props, lang: Lang = 'vi') {
  const root = document.createElement('div');
  document.body.appendChild(root);
  const view = (p: Props) => (
    <I18nContext.Provider value={{ lang, t: translator(lang) }}>
      <Queue selectedId={null} fresh={{}} loaded now={NOW} onSelect={() => {}} {...p} />
    </I18nContext.Provider>
  );
  act(() => render(view(props), root));
  const rows = () => [...root.querySelectorAll<HTMLElement>('[data-testid="incident-row"]')];
  return {
    root,
    rows,
    ids: () => rows().map((r) => r.dataset.incidentId),
    rerender: (next: Props) => act(() => render(view(next), root)),
  };
}

/**
 * happy-dom lays nothing out, so the list cannot scroll: play the browser's part for the list's
 * box (a window-high box, as tall inside as its list; a written position is kept and reported).
 */
function scrollLikeABrowser(root: HTMLElement) {
  const box = root.querySelector<HTMLElement>('.queue-scroll')!;
  let top = 0;
  Object.defineProperties(box, {
    clientHeight: { configurable: true, get: () => window.innerHeight },
    scrollHeight: {
      configurable: true,
      get: () => parseInt(box.querySelector<HTMLElement>('ol.queue')!.style.height, 10),
    },
    scrollTop: { configurable: true, get: () => top },
  });
  const scrollTo = vi.fn((options?: ScrollToOptions) => {
    top = Math.max(0, Math.min(options?.top ?? 0, box.scrollHeight - box.clientHeight));
    box.dispatchEvent(new Event('scroll'));
  });
  box.scrollTo = scrollTo as unknown as HTMLElement['scrollTo'];
  return scrollTo;
}

afterEach(() => {
  document.body.replaceChildren();
  vi.restoreAllMocks();
});

describe('virtualised queue', () => {
  it('renders only a window of rows for 10 000 incidents, the first ones first', () => {
    const queue = many(10_000);
    const { rows, ids, root } = show({ queue });
    expect(rows().length).toBeGreaterThan(3);
    expect(rows().length).toBeLessThan(60);
    expect(ids()[0]).toBe(queue[0].id);
    // The list is as tall as all the rows, so the scroll bar is right.
    const height = parseInt(root.querySelector<HTMLElement>('ol.queue')!.style.height, 10);
    expect(height).toBeGreaterThan(10_000 * 90);
    // Existing hooks are kept on the rows in the page.
    expect(rows()[0].dataset.status).toBe('NEW');
    expect(rows()[0].querySelector('[data-testid="incident-status"]')).not.toBeNull();
  });

  it('brings the selected incident into view when J/K (or the map) selects one far down', () => {
    const queue = many(10_000);
    const lines = queueRows(queue);
    const h = show({ queue, rows: lines });
    const scrollTo = scrollLikeABrowser(h.root);
    const target = queue[7_000];
    expect(h.ids()).not.toContain(target.id);
    h.rerender({ queue, rows: lines, selectedId: target.id });
    expect(scrollTo).toHaveBeenCalled();
    expect(h.ids()).toContain(target.id);
    const row = h.root.querySelector<HTMLElement>(`[data-incident-id="${target.id}"]`)!;
    expect(row.getAttribute('aria-current')).toBe('true');
    // K from there is the row above, which is in the page too.
    const previous = moveInQueue(lines, target.id, -1);
    h.rerender({ queue, rows: lines, selectedId: previous });
    expect(h.ids()).toContain(previous);
    expect(h.rows().length).toBeLessThan(60);
  });

  it('shows a burst as one collapsed line, opened by a click (or Enter, it is a button)', () => {
    const burst = { key: 'ip:203.0.113.7', size: 5 };
    const queue = many(9, (i) => (i >= 2 && i < 7 ? { burst: { ...burst, size: 5 } } : {}));
    const onToggleBurst = vi.fn();
    const h = show({ queue, onToggleBurst });
    const group = h.root.querySelector<HTMLButtonElement>('[data-testid="burst-group"]')!;
    expect(group.dataset.burstKey).toBe('ip:203.0.113.7');
    expect(group.dataset.size).toBe('5');
    expect(group.getAttribute('aria-expanded')).toBe('false');
    expect(group.textContent).toContain('5 sự cố từ cùng một nguồn trong 10 phút');
    expect(group.tagName).toBe('BUTTON');
    // Placed where its best incident (the third) would be; its members are not listed.
    expect(h.ids()).toEqual([queue[0].id, queue[1].id, ...queue.slice(7).map((i) => i.id)]);
    const lines = [...h.root.querySelectorAll<HTMLElement>('.queue-item')];
    expect(lines[2].querySelector('[data-testid="burst-group"]')).not.toBeNull();
    act(() => group.click());
    expect(onToggleBurst).toHaveBeenCalledWith('ip:203.0.113.7');
    h.rerender({ queue, onToggleBurst, expanded: { [burst.key]: true } });
    expect(h.root.querySelector('[data-testid="burst-group"]')!.getAttribute('aria-expanded')).toBe('true');
    expect(h.ids()).toEqual(queue.map((i) => i.id));
    expect(h.root.querySelectorAll('.incident-row.in-burst')).toHaveLength(5);
  });

  it('labels unverified incidents, and only those', () => {
    const queue = sortQueue(
      Object.fromEntries(
        [
          Incidents.open({ trust: Trusts.unverified([{ code: 'BUSY_ADDRESS', count: 40, minutes: 5 }]) }),
          Incidents.open({ trust: Trusts.trusted() }),
          Incidents.open(),
        ].map((i) => [i.id, i]),
      ),
    );
    const h = show({ queue }, 'en');
    const labels = [...h.root.querySelectorAll('[data-testid="trust-label"]')];
    expect(labels).toHaveLength(1);
    expect(labels[0].textContent).toBe('Unverified');
    expect(labels[0].closest('[data-testid="incident-row"]')!.getAttribute('data-incident-id')).toBe(queue[2].id);
  });

  it('says the true number of NEW incidents when the snapshot was truncated', () => {
    const queue = many(3);
    const h = show({ queue, truncated: true, counts: { open: 60_000, new: 59_000 } });
    const text = (root: HTMLElement, id: string) => root.querySelector(`[data-testid="${id}"]`)?.textContent ?? null;
    expect(text(h.root, 'new-count')).toBe('59 000 sự cố mới');
    expect(text(h.root, 'new-shown')).toBe('(đang hiện 3)');
    expect(text(h.root, 'open-count')).toBe('60 000 sự cố đang mở');
    const en = show({ queue, truncated: true, counts: { open: 60_000, new: 59_000 } }, 'en');
    expect(text(en.root, 'new-count')).toBe('59,000 new incidents');
    expect(text(en.root, 'new-shown')).toBe('(showing 3)');
    const complete = show({ queue, truncated: false, counts: { open: 3, new: 3 } });
    expect(text(complete.root, 'new-count')).toBe('3 sự cố mới');
    expect(text(complete.root, 'new-shown')).toBeNull();
    expect(text(complete.root, 'open-count')).toBeNull();
  });
});
