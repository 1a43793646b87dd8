// The only ways text reaches the page outside Preact's own (escaping) rendering. Whatever a
// citizen typed is data: it is set as text nodes, never parsed as HTML. A test
// (no-html.test.ts) forbids the HTML-parsing DOM APIs anywhere in src/, and Leaflet's tooltip
// calls outside this file.
import L, { type DivIconOptions, type Layer, type TooltipOptions } from 'leaflet';

/** An element holding `text` as one text node: `<img src=x onerror=…>` shows literally. */
export function textElement(
  doc: Document,
  text: string,
  tag: keyof HTMLElementTagNameMap = 'span',
  className?: string,
): HTMLElement {
  const element = doc.createElement(tag);
  if (className) element.className = className;
  element.textContent = text;
  return element;
}

/**
 * Binds a Leaflet tooltip showing plain text. Leaflet parses a string tooltip as HTML, so the
 * text always goes in as an element.
 */
export function bindTextTooltip(
  layer: Layer,
  text: string,
  options?: TooltipOptions,
  className?: string,
): void {
  layer.bindTooltip(textElement(document, text, 'span', className), options);
}

/**
 * A Leaflet icon showing `text` (a cluster's count) as one text node. Leaflet's own DivIcon parses
 * a string as HTML, so it is given none and the text is added as an element.
 */
export class TextIcon extends L.DivIcon {
  constructor(
    private readonly text: string,
    options: Omit<DivIconOptions, 'html'> = {},
    private readonly textClass?: string,
    private readonly colours?: { bg: string; fg: string },
  ) {
    super({ ...options, html: '' });
  }

  override createIcon(oldIcon?: HTMLElement): HTMLElement {
    const div = super.createIcon(oldIcon);
    div.replaceChildren(textElement(div.ownerDocument, this.text, 'span', this.textClass));
    if (this.colours) {
      div.style.background = this.colours.bg;
      div.style.color = this.colours.fg;
    }
    return div;
  }
}

/**
 * Binds a Leaflet tooltip whose plain text is worked out when it opens (a map of tens of thousands
 * of markers then builds no tooltip content until one is hovered), always as an element.
 */
export function bindLazyTextTooltip(layer: Layer, text: () => string, options?: TooltipOptions): void {
  layer.bindTooltip(() => textElement(document, text()), options);
}

/** Escapes text for the few Leaflet APIs that only take HTML strings (the attribution control). */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

/**
 * A `tel:` link for a phone number as a citizen or the server wrote it ("0912 345 678",
 * "+84 912-345-678"), or null when it is not a dialable number.
 */
export function telHref(phone: string | null | undefined): string | null {
  if (!phone) return null;
  const compact = phone.replace(/[\s().-]/g, '');
  return /^\+?[0-9]{3,15}$/.test(compact) ? `tel:${compact}` : null;
}

/** An image address from the server, accepted only as a same-origin path or an http(s) URL. */
export function safeImageUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  if (url.startsWith('/') && !url.startsWith('//')) return url;
  return /^https?:\/\//i.test(url) ? url : null;
}
