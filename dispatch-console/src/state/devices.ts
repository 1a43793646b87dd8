// The device board: the fire-alarm transmitters that are not NORMAL (faulty, silent, never heard
// from), fed by GET /dispatch/devices and by live DeviceStateChanged events. Pure functions.
import { DEVICE_STATES, type DeviceBoardEntry, type DeviceState } from '../api/types';

export interface DeviceBoard {
  /** Whether the list has been fetched at least once (until then the board says it is loading). */
  loaded: boolean;
  /** The devices on the board, by premises id. */
  entries: Record<string, DeviceBoardEntry>;
  /**
   * The sequence of the last live event about each device: a list asked for before that event
   * does not undo it (a device the event put on the board, or took off it).
   */
  eventSeq: Record<string, number>;
}

export const EMPTY_BOARD: DeviceBoard = { loaded: false, entries: {}, eventSeq: {} };

/** A state the console has words for; anything else a newer backend may send reads as UNKNOWN. */
export function deviceState(entry: { state: string }): DeviceState {
  return (DEVICE_STATES as readonly string[]).includes(entry.state) ? (entry.state as DeviceState) : 'UNKNOWN';
}

/** Whether a device belongs on the board: every state but NORMAL. */
export const isOnBoard = (entry: { state: string }): boolean => entry.state !== 'NORMAL';

const isEntry = (value: unknown): value is DeviceBoardEntry =>
  Boolean(value) && typeof (value as DeviceBoardEntry).premisesId === 'string' &&
  typeof (value as DeviceBoardEntry).state === 'string';

/** A live DeviceStateChanged: the device is put on the board (or updated), or leaves it when NORMAL. */
export function applyDeviceChange(board: DeviceBoard, device: unknown, seq: number): DeviceBoard {
  if (!isEntry(device)) return board;
  const id = device.premisesId;
  const entries = { ...board.entries };
  if (isOnBoard(device)) entries[id] = device;
  else delete entries[id];
  return { ...board, entries, eventSeq: { ...board.eventSeq, [id]: seq } };
}

/**
 * The list fetched again, asked for when `asOfSeq` was the last event applied. It replaces the
 * board, except for devices a later live event spoke about: their event's word stands (the events
 * that follow it will correct it, whereas the list may have been read before it).
 */
export function loadDevices(
  board: DeviceBoard,
  fetched: readonly unknown[],
  asOfSeq: number | null,
): DeviceBoard {
  const since = asOfSeq ?? -1;
  const newer = (id: string) => (board.eventSeq[id] ?? -Infinity) > since;
  const entries: Record<string, DeviceBoardEntry> = {};
  for (const device of fetched) {
    if (isEntry(device) && isOnBoard(device) && !newer(device.premisesId)) entries[device.premisesId] = device;
  }
  for (const [id, entry] of Object.entries(board.entries)) {
    if (newer(id)) entries[id] = entry;
  }
  return { ...board, loaded: true, entries };
}

/**
 * After a resync (a snapshot) the list is fetched again as the truth: the events remembered before
 * it no longer outrank it (a snapshot's sequence may even be below theirs).
 */
export const forgetEvents = (board: DeviceBoard): DeviceBoard =>
  Object.keys(board.eventSeq).length === 0 ? board : { ...board, eventSeq: {} };

const time = (iso: string | undefined): number => {
  const at = iso ? Date.parse(iso) : NaN;
  return Number.isNaN(at) ? Infinity : at;
};

/** The board in the order a dispatcher works it: the longest in trouble (oldest `since`) first. */
export function sortDevices(board: DeviceBoard): DeviceBoardEntry[] {
  return Object.values(board.entries).sort(
    (a, b) =>
      time(a.since) - time(b.since) ||
      a.name.localeCompare(b.name, 'vi') ||
      (a.premisesId < b.premisesId ? -1 : a.premisesId > b.premisesId ? 1 : 0),
  );
}

/** How many devices are on the board. */
export const deviceCount = (board: DeviceBoard): number => Object.keys(board.entries).length;
