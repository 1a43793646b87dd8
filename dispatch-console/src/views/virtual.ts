import {
  elementScroll,
  measureElement,
  observeElementOffset,
  type Rect,
  Virtualizer,
  type VirtualizerOptions,
} from '@tanstack/virtual-core';
import type { RefObject } from 'preact';
import { useLayoutEffect, useReducer, useState } from 'preact/hooks';

/**
 * The height assumed for a list whose box has none yet (not laid out, or a test's DOM without
 * layout): the window's, so a first screen of rows is always there.
 */
function fallbackHeight(element: Element | null): number {
  const view = element?.ownerDocument?.defaultView;
  return view && view.innerHeight > 0 ? view.innerHeight : 800;
}

/** Watches the list box's size, like virtual-core's own, but never reports a zero height. */
function observeRect(instance: Virtualizer<HTMLElement, HTMLElement>, cb: (rect: Rect) => void) {
  const element = instance.scrollElement;
  if (!element) return;
  const report = () =>
    cb({
      width: element.clientWidth,
      height: element.clientHeight > 0 ? element.clientHeight : fallbackHeight(element),
    });
  report();
  const Observer = element.ownerDocument?.defaultView?.ResizeObserver;
  if (!Observer) return () => {};
  const observer = new Observer(report);
  observer.observe(element);
  return () => observer.disconnect();
}

export interface VirtualListOptions {
  count: number;
  /** The scrolling box. */
  scroller: RefObject<HTMLElement>;
  /** Each item's expected height (px) until measured. */
  estimateSize: (index: number) => number;
  getItemKey: (index: number) => string;
  /** Rows rendered beyond each end of the visible ones. */
  overscan?: number;
  gap?: number;
  paddingStart?: number;
  paddingEnd?: number;
}

/**
 * @tanstack/virtual-core for Preact: only the rows in (and just around) the visible part of the
 * list are rendered; the component re-renders when that range changes. Rows are measured once
 * drawn (a row with no layout keeps its estimate), so rows of different heights stack exactly.
 */
export function useVirtualList(options: VirtualListOptions): Virtualizer<HTMLElement, HTMLElement> {
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const resolved: VirtualizerOptions<HTMLElement, HTMLElement> = {
    count: options.count,
    getScrollElement: () => options.scroller.current,
    estimateSize: options.estimateSize,
    getItemKey: options.getItemKey,
    overscan: options.overscan ?? 6,
    gap: options.gap ?? 0,
    paddingStart: options.paddingStart ?? 0,
    paddingEnd: options.paddingEnd ?? 0,
    initialRect: { width: 0, height: fallbackHeight(options.scroller.current) },
    scrollToFn: elementScroll,
    observeElementRect: observeRect,
    observeElementOffset,
    measureElement: (element, entry, instance) => {
      const size = measureElement(element, entry, instance);
      return size > 0 ? size : options.estimateSize(instance.indexFromElement(element));
    },
    onChange: () => rerender(undefined),
  };
  const [virtualizer] = useState(() => new Virtualizer(resolved));
  virtualizer.setOptions(resolved);
  useLayoutEffect(() => virtualizer._didMount(), []);
  useLayoutEffect(() => virtualizer._willUpdate());
  return virtualizer;
}
