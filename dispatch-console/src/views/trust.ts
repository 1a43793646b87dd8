import { TRUST_REASON_CODES, type TrustReason, type TrustReasonCode } from '../api/types';
import type { Translate } from '../i18n';

const isKnown = (code: string): code is TrustReasonCode =>
  (TRUST_REASON_CODES as readonly string[]).includes(code);

/** A number the server gave, or "?" when it gave none. */
const amount = (value: number | undefined): number | string =>
  typeof value === 'number' && Number.isFinite(value) ? value : '?';

/**
 * Why the server trusts an incident as it does, in the console's words: "40 tin báo từ cùng một
 * địa chỉ trong 5 phút", "Thiết bị mới", "Nhiều người cùng báo (12)". An unknown code is named as
 * "other" with the code (a newer server); nothing here comes from a citizen.
 */
export function describeTrustReason(reason: TrustReason, t: Translate): string {
  const code = String(reason.code);
  if (!isKnown(code)) return t('trustReason.other', { code });
  switch (code) {
    case 'NO_DEVICE':
    case 'NEW_DEVICE':
    case 'FAR_FROM_DEVICE':
    case 'ALARM_DEVICE':
      return t(`trustReason.${code}`);
    case 'BUSY_ADDRESS':
      return t('trustReason.BUSY_ADDRESS', {
        n: amount(reason.count),
        minutes: t('trust.minutes', { n: amount(reason.minutes) }),
      });
    case 'DEVICE_CONFIRMED':
    case 'DEVICE_FALSE_ALARMS':
    case 'MANY_REPORTERS':
      return t(`trustReason.${code}`, { n: amount(reason.count) });
  }
}
