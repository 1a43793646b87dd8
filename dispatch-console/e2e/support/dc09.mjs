// A fire-alarm transmitter for the end-to-end tests: SIA DC-09 frames carrying Contact ID (ADM-CID)
// events, sent over TCP to the backend's receiver as a panel's communicator sends them. Written
// from the standard, on its own, so that it checks the backend's reading rather than sharing it.
//
//   frame = LF  CRC(4 hex)  length(4 hex)  body  CR
//   body  = "ADM-CID"<seq>L0#<account>[#<account>|<event>]_HH:MM:SS,MM-DD-YYYY   (UTC)
// CRC-16/ARC (polynomial 0xA001 reflected, initial 0) and the length both count the body's bytes.
import { connect } from 'node:net';

/** CRC-16/ARC of some bytes ("123456789" gives 0xBB3D). */
export function crc16arc(bytes) {
  let crc = 0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0xa001 : crc >>> 1;
  }
  return crc;
}

const hex4 = (n) => n.toString(16).toUpperCase().padStart(4, '0');
const pad = (n, width = 2) => String(n).padStart(width, '0');

/** DC-09's timestamp, in UTC: "_HH:MM:SS,MM-DD-YYYY". */
export function dc09Timestamp(date = new Date()) {
  return (
    `_${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())},` +
    `${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}-${pad(date.getUTCFullYear(), 4)}`
  );
}

/**
 * An unencrypted ADM-CID frame. `event` is Contact ID's "QEEE PP ZZZ": qualifier (1 new event,
 * 3 restore), event code (110 fire, 373 fire loop trouble), partition and zone, e.g. "1110 01 015".
 * `sequence` (1–9999) must differ between different signals: a repeat within minutes is taken as
 * a resend and not acted on twice.
 */
export function admCidFrame({ account, sequence, event, at = new Date() }) {
  const body = `"ADM-CID"${pad(sequence, 4)}L0#${account}[#${account}|${event}]${dc09Timestamp(at)}`;
  const bytes = Buffer.from(body, 'latin1');
  return Buffer.concat([
    Buffer.from(`\n${hex4(crc16arc(bytes))}${hex4(bytes.length)}`, 'latin1'),
    bytes,
    Buffer.from('\r', 'latin1'),
  ]);
}

/**
 * Sends one frame over a new TCP connection and answers the receiver's reply (ACK, NAK or DUH) as
 * text, once its closing CR has come; fails after `timeoutMs` without one.
 */
export function sendFrame({ host = '127.0.0.1', port, frame, timeoutMs = 10_000 }) {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    let answer = '';
    const finish = (error) => {
      socket.destroy();
      if (error) reject(error);
      else resolve(answer);
    };
    socket.setTimeout(timeoutMs, () =>
      finish(new Error(`no answer from the alarm receiver on ${host}:${port} within ${timeoutMs} ms: '${answer}'`)),
    );
    socket.once('error', (error) => finish(new Error(`alarm receiver on ${host}:${port}: ${error.message}`)));
    socket.on('data', (chunk) => {
      answer += chunk.toString('latin1');
      if (answer.includes('\r')) finish();
    });
    socket.once('connect', () => socket.write(frame));
    socket.once('end', () => finish(answer ? undefined : new Error('the alarm receiver closed without answering')));
  });
}
