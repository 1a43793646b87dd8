// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DeviceBoardEntry } from '../api/types';
import { I18nContext, type Lang, translator } from '../i18n';
import { EMPTY_BOARD, loadDevices, sortDevices } from '../state/devices';
import { Devices } from '../test/factories';
import { DeviceBoard } from './DeviceBoard';

const NOW = Date.parse('2026-11-23T10:05:00Z');

function show(devices: DeviceBoardEntry[], { lang = 'vi', loaded = true }: { lang?: Lang; loaded?: boolean } = {}) {
  const onClose = vi.fn();
  const root = document.createElement('div');
  document.body.appendChild(root);
  act(() => {
    render(
      <I18nContext.Provider value={{ lang, t: translator(lang) }}>
        <DeviceBoard devices={devices} loaded={loaded} now={NOW} onClose={onClose} />
      </I18nContext.Provider>,
      root,
    );
  });
  const rows = () => [...root.querySelectorAll<HTMLElement>('[data-testid="device-row"]')];
  const cell = (row: HTMLElement, id: string) => row.querySelector(`[data-testid="${id}"]`)!.textContent;
  return { root, rows, cell, onClose };
}

afterEach(() => document.body.replaceChildren());

describe('the device board', () => {
  it('lists faulty and silent devices, the longest in trouble first, with what a dispatcher needs', () => {
    const fault = Devices.entry('FAULT', {
      name: 'Chung cư Mường Thanh',
      address: '12 Nguyễn Trãi, Thanh Xuân',
      since: '2026-11-23T09:02:00Z',
      fault: { code: '373', zone: '005', format: 'ADM-CID' },
    });
    const silent = Devices.entry('SILENT', {
      name: 'Kho Đông Anh',
      since: '2026-11-23T07:00:00Z',
      lastSignalAt: '2026-11-23T06:00:00Z',
      fault: undefined,
    });
    const board = loadDevices(EMPTY_BOARD, [fault, silent], 1);
    const { rows, cell } = show(sortDevices(board));
    const [first, second] = rows();
    expect(rows().map((r) => r.dataset.premisesId)).toEqual([silent.premisesId, fault.premisesId]);
    expect(cell(first, 'device-name')).toBe('Kho Đông Anh');
    expect(cell(first, 'device-state')).toBe('Mất liên lạc');
    expect(first.dataset.state).toBe('SILENT');
    expect(cell(first, 'device-since')).toBe('3 giờ 5 phút');
    expect(cell(first, 'device-fault')).toBe('—');
    expect(cell(second, 'device-address')).toBe('12 Nguyễn Trãi, Thanh Xuân');
    expect(cell(second, 'device-state')).toBe('Lỗi');
    expect(cell(second, 'device-since')).toBe('1 giờ 3 phút');
    expect(cell(second, 'device-fault')).toBe('Mã lỗi 373, vùng 005');
  });

  it('names every state in English, a never-heard device with no signal', () => {
    const never = Devices.entry('UNKNOWN', { since: undefined, lastSignalAt: undefined });
    const fault = Devices.entry('FAULT', { fault: { code: 'FT', format: 'SIA-DCS' } });
    const { rows, cell } = show([fault, never], { lang: 'en' });
    expect(cell(rows()[0], 'device-state')).toBe('Fault');
    expect(cell(rows()[0], 'device-fault')).toBe('Fault code FT');
    expect(cell(rows()[1], 'device-state')).toBe('Never heard from');
    expect(cell(rows()[1], 'device-since')).toBe('—');
    expect(cell(rows()[1], 'device-last-signal')).toBe('No signal received yet');
  });

  it('says when every device is normal, and while the list is loading', () => {
    expect(show([]).root.querySelector('[data-testid="devices-empty"]')!.textContent).toBe(
      'Mọi thiết bị báo cháy đều bình thường.',
    );
    document.body.replaceChildren();
    const loading = show([], { loaded: false });
    expect(loading.root.textContent).toContain('Đang tải danh sách thiết bị…');
    expect(loading.root.querySelector('[data-testid="device-board"]')!.getAttribute('data-loaded')).toBe('false');
  });

  it('shows names and addresses as text, and goes back to the unit board', () => {
    const hostile = Devices.entry('FAULT', { name: '<img src=x onerror=alert(1)>', address: '<b>x</b>' });
    const { root, rows, cell, onClose } = show([hostile]);
    expect(cell(rows()[0], 'device-name')).toBe('<img src=x onerror=alert(1)>');
    expect(root.querySelector('img, b')).toBeNull();
    act(() => root.querySelector<HTMLButtonElement>('[data-testid="devices-close"]')!.click());
    expect(onClose).toHaveBeenCalledOnce();
  });
});
