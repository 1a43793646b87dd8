import { describe, expect, it } from 'vitest';
import { Devices } from '../test/factories';
import {
  applyDeviceChange,
  deviceCount,
  deviceState,
  EMPTY_BOARD,
  forgetEvents,
  isOnBoard,
  loadDevices,
  sortDevices,
} from './devices';

const ids = (board: Parameters<typeof sortDevices>[0]) => sortDevices(board).map((d) => d.premisesId);

describe('the device board', () => {
  it('lists faulty, silent and never-heard devices, the longest in trouble first', () => {
    const recent = Devices.entry('FAULT', { since: '2026-11-23T09:50:00Z' });
    const silent = Devices.entry('SILENT', { since: '2026-11-22T23:00:00Z' });
    const never = Devices.entry('UNKNOWN', { since: undefined, lastSignalAt: undefined });
    const board = loadDevices(EMPTY_BOARD, [recent, never, silent], 1);
    expect(board.loaded).toBe(true);
    expect(ids(board)).toEqual([silent.premisesId, recent.premisesId, never.premisesId]);
    expect(deviceCount(board)).toBe(3);
  });

  it('leaves out a NORMAL device even if a list carries one', () => {
    const fine = Devices.entry('NORMAL');
    expect(deviceCount(loadDevices(EMPTY_BOARD, [fine], 1))).toBe(0);
    expect(isOnBoard(fine)).toBe(false);
    expect(isOnBoard(Devices.entry('UNKNOWN'))).toBe(true);
  });

  it('takes a live change in: a new fault joins, a changed one is replaced, one back to NORMAL leaves', () => {
    const a = Devices.entry('SILENT');
    let board = loadDevices(EMPTY_BOARD, [a], 5);
    const b = Devices.entry('FAULT');
    board = applyDeviceChange(board, b, 6);
    expect(ids(board).sort()).toEqual([a.premisesId, b.premisesId].sort());
    board = applyDeviceChange(board, { ...a, state: 'FAULT', since: '2026-11-23T09:59:00Z' }, 7);
    expect(board.entries[a.premisesId].state).toBe('FAULT');
    board = applyDeviceChange(board, { ...b, state: 'NORMAL' }, 8);
    expect(Object.keys(board.entries)).toEqual([a.premisesId]);
  });

  it('ignores an event without a device it can read', () => {
    const board = loadDevices(EMPTY_BOARD, [], 1);
    expect(applyDeviceChange(board, null, 2)).toBe(board);
    expect(applyDeviceChange(board, { state: 'FAULT' }, 2)).toBe(board);
  });

  it('does not let a list asked for before a live event undo it', () => {
    const repaired = Devices.entry('FAULT');
    const broke = Devices.entry('FAULT');
    const stays = Devices.entry('SILENT');
    // Asked for at seq 10; meanwhile (seq 11, 12) one device came back to normal, another broke.
    let board = applyDeviceChange(EMPTY_BOARD, { ...repaired, state: 'NORMAL' }, 11);
    board = applyDeviceChange(board, broke, 12);
    board = loadDevices(board, [repaired, stays], 10);
    expect(ids(board).sort()).toEqual([broke.premisesId, stays.premisesId].sort());
    // A list asked for after those events is the truth about them.
    board = loadDevices(board, [repaired], 12);
    expect(ids(board)).toEqual([repaired.premisesId]);
  });

  it('takes the list after a resync as the truth over events remembered before it', () => {
    const device = Devices.entry('FAULT');
    let board = applyDeviceChange(EMPTY_BOARD, device, 90);
    // The snapshot's sequence is lower (the server restarted its count): the list wins.
    board = loadDevices(forgetEvents(board), [], 40);
    expect(deviceCount(board)).toBe(0);
    expect(forgetEvents(EMPTY_BOARD)).toBe(EMPTY_BOARD);
  });

  it('reads a state this console has no words for as UNKNOWN', () => {
    expect(deviceState({ state: 'SILENT' })).toBe('SILENT');
    expect(deviceState({ state: 'TAMPERED' })).toBe('UNKNOWN');
  });
});
