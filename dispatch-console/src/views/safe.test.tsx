// @vitest-environment happy-dom
import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { I18nContext, translator } from '../i18n';
import { Reports } from '../test/factories';
import { ReportCard } from './ReportCard';
import { escapeHtml, safeImageUrl, telHref, textElement } from './safe';

const ATTACK = '<img src=x onerror=alert(1)>';
const noPhotos = () => Promise.reject(new Error('no photos in this test'));

function renderReport(report: ReturnType<typeof Reports.saying>): HTMLElement {
  const root = document.createElement('div');
  document.body.appendChild(root);
  render(
    <I18nContext.Provider value={{ lang: 'vi', t: translator('vi') }}>
      <ReportCard report={report} index={0} now={Date.now()} loadPhoto={noPhotos} />
    </I18nContext.Provider>,
    root,
  );
  return root;
}

afterEach(() => {
  document.body.replaceChildren();
});

describe('citizen text never becomes HTML', () => {
  it('shows a description with markup literally, creating no element', () => {
    const root = renderReport(Reports.saying(ATTACK));
    const description = root.querySelector('[data-testid="report-description"]');
    expect(description?.textContent).toBe(ATTACK);
    expect(description?.children).toHaveLength(0);
    expect(root.querySelector('img')).toBeNull();
  });

  it('shows a reporter name and phone with markup literally, and links no script', () => {
    const root = renderReport(
      Reports.saying('cháy', { reporter: { name: '<b onclick=x>A</b>', phone: 'javascript:alert(1)' } }),
    );
    expect(root.querySelector('[data-testid="reporter-name"]')?.textContent).toBe('<b onclick=x>A</b>');
    expect(root.querySelector('b')).toBeNull();
    const phone = root.querySelector('[data-testid="reporter-phone"]');
    expect(phone?.textContent).toBe('javascript:alert(1)');
    expect(root.querySelector('a')).toBeNull();
  });

  it('makes a real phone number a tap-to-call link', () => {
    const root = renderReport(Reports.saying('cháy', { reporter: { name: null, phone: '0912 345 678' } }));
    const link = root.querySelector<HTMLAnchorElement>('a[data-testid="reporter-phone"]');
    expect(link?.getAttribute('href')).toBe('tel:0912345678');
  });

  it('keeps line breaks of a description as text', () => {
    const root = renderReport(Reports.saying('Tầng 3\nCó người mắc kẹt'));
    expect(root.querySelector('[data-testid="report-description"]')?.textContent).toBe(
      'Tầng 3\nCó người mắc kẹt',
    );
  });

  it('builds map labels as text nodes', () => {
    const element = textElement(document, ATTACK);
    expect(element.textContent).toBe(ATTACK);
    expect(element.children).toHaveLength(0);
    expect(element.childNodes[0].nodeType).toBe(3); // Node.TEXT_NODE
  });
});

describe('safe helpers', () => {
  it('escapes text for HTML-only APIs', () => {
    expect(escapeHtml(`${ATTACK}&"'`)).toBe('&lt;img src=x onerror=alert(1)&gt;&amp;&quot;&#39;');
  });

  it('dials only phone numbers', () => {
    expect(telHref('+84 (912) 345-678')).toBe('tel:+84912345678');
    expect(telHref('114')).toBe('tel:114');
    expect(telHref('call me')).toBeNull();
    expect(telHref('javascript:alert(1)')).toBeNull();
    expect(telHref(null)).toBeNull();
  });

  it('accepts only same-origin paths and http(s) image addresses', () => {
    expect(safeImageUrl('/api/v1/dispatch/photos/1/thumb')).toBe('/api/v1/dispatch/photos/1/thumb');
    expect(safeImageUrl('https://photos.example/1.jpg')).toBe('https://photos.example/1.jpg');
    expect(safeImageUrl('javascript:alert(1)')).toBeNull();
    expect(safeImageUrl('//evil.example/x.png')).toBeNull();
    expect(safeImageUrl('data:text/html,<script>')).toBeNull();
  });
});
