import { describe, expect, it, vi } from 'vitest';
import { errorMessage, loginFailure } from '../controller';
import { dictionaries, LANGS, type MessageKey, translate, translator } from '../i18n';
import { ApiError, Http, retryAfterSeconds } from './http';
import { problemSlug, TRANSLATED_PROBLEMS, translatedProblem } from './problems';

const refusal = (status: number, slug: string, detail?: string, retryAfter: number | null = null) =>
  new ApiError(status, { type: `https://baochay.vn/problems/${slug}`, status, detail }, 'http', retryAfter);

/** What the message area shows: the console's sentence, and the server's words under it. */
function shown(error: unknown, lang: 'vi' | 'en') {
  const message = errorMessage(error);
  const params = Object.fromEntries(
    Object.entries(message.params ?? {}).map(([k, v]) => [k, typeof v === 'object' ? '' : v]),
  );
  return {
    line: message.text ?? translate(lang, message.key as MessageKey, params),
    detail: message.detail ?? null,
  };
}

describe('refusals by problem type', () => {
  it('have a sentence in both languages for every translated type', () => {
    for (const lang of LANGS) {
      for (const type of TRANSLATED_PROBLEMS) {
        expect(dictionaries[lang], `${lang} ${type}`).toHaveProperty(`problem.${type}`);
      }
    }
  });

  it('read the slug of a problem type', () => {
    expect(problemSlug({ type: 'https://baochay.vn/problems/stale-version' })).toBe('stale-version');
    expect(problemSlug({ type: 'about:blank' })).toBeNull();
    expect(problemSlug({})).toBeNull();
    expect(translatedProblem({ type: 'https://baochay.vn/problems/idempotency-conflict' })).toBeNull();
  });

  it('say "already acknowledged" in Vietnamese, with the server\'s words (who) on a second line only', () => {
    const error = refusal(409, 'already-acknowledged', 'Already acknowledged by Nguyễn Văn A');
    expect(errorMessage(error)).toEqual({
      kind: 'error',
      key: 'problem.already-acknowledged',
      detail: 'Already acknowledged by Nguyễn Văn A',
    });
    expect(shown(error, 'vi')).toEqual({
      line: 'Sự cố này đã được tiếp nhận',
      detail: 'Already acknowledged by Nguyễn Văn A',
    });
    expect(shown(error, 'en').line).toBe('This incident has already been acknowledged');
  });

  it.each([
    ['out-of-jurisdiction', 403, 'Sự cố này ngoài địa bàn của bạn.'],
    ['forbidden', 403, 'Vai trò của bạn không được làm việc này.'],
    ['stale-version', 409, 'Sự cố vừa được người khác thay đổi. Hãy xem lại rồi thử lại.'],
    ['unit-unavailable', 409, 'Xe này không còn sẵn sàng.'],
    ['illegal-transition', 409, 'Không làm được việc này ở trạng thái hiện tại của sự cố.'],
    ['not-found', 404, 'Không tìm thấy dữ liệu được yêu cầu.'],
    ['unauthenticated', 401, 'Phiên làm việc đã hết hạn. Vui lòng đăng nhập lại.'],
  ])('say %s in Vietnamese', (slug, status, line) => {
    expect(shown(refusal(status, slug, 'English words'), 'vi')).toEqual({ line, detail: 'English words' });
  });

  it('say how long to wait when the server said (Retry-After)', () => {
    expect(shown(refusal(429, 'rate-limited', undefined, 7), 'vi')).toEqual({
      line: 'Thao tác quá nhanh; thử lại sau 7 giây.',
      detail: null,
    });
    expect(shown(refusal(503, 'service-unavailable', 'Retry later', 5), 'en').line).toBe(
      'The server is temporarily unavailable; try again in 5 s.',
    );
    expect(shown(refusal(503, 'service-unavailable'), 'vi').line).toBe(
      'Máy chủ tạm thời không xử lý được. Thao tác chưa được thực hiện; hãy thử lại.',
    );
  });

  it('show any other type as the server wrote it, as before', () => {
    expect(errorMessage(refusal(409, 'idempotency-conflict', 'Used before'))).toEqual({
      kind: 'error',
      text: 'Used before',
    });
    expect(errorMessage(new ApiError(403, { status: 403, detail: 'Ngoài địa bàn' }))).toEqual({
      kind: 'error',
      text: 'Ngoài địa bàn',
    });
  });

  it('take Retry-After from the answer, in seconds or as a date', async () => {
    const fetchImpl = vi.fn(
      async () =>
        new Response(JSON.stringify({ type: 'https://baochay.vn/problems/rate-limited', status: 429 }), {
          status: 429,
          headers: { 'Content-Type': 'application/problem+json', 'Retry-After': '12' },
        }),
    );
    const http = new Http({ token: () => 't', onUnauthorized: vi.fn(), fetchImpl: fetchImpl as typeof fetch });
    const error = (await http.get('/x').catch((e: unknown) => e)) as ApiError;
    expect(error.retryAfter).toBe(12);
    const now = Date.parse('2026-11-23T10:00:00Z');
    expect(retryAfterSeconds('Mon, 23 Nov 2026 10:00:30 GMT', now)).toBe(30);
    expect(retryAfterSeconds('soon', now)).toBeNull();
    expect(retryAfterSeconds(null, now)).toBeNull();
  });
});

describe('the login screen', () => {
  const vi_ = translator('vi');
  const en = translator('en');

  it('says how long to wait after too many failed sign-ins', () => {
    const error = refusal(429, 'too-many-attempts', 'Too many attempts', 30);
    expect(loginFailure(error, vi_)).toBe('Quá nhiều lần đăng nhập sai; thử lại sau 30 giây');
    expect(loginFailure(error, en)).toBe('Too many failed sign-ins; try again in 30 s');
    expect(loginFailure(refusal(429, 'too-many-attempts'), vi_)).toBe('Quá nhiều lần thử. Vui lòng chờ rồi thử lại.');
  });

  it("shows the server's own words for a wrong password, as before", () => {
    const error = refusal(401, 'invalid-credentials', 'Wrong username or password');
    expect(loginFailure(error, vi_)).toBe('Wrong username or password');
    expect(loginFailure(new ApiError(401, null), vi_)).toBe('Sai tên đăng nhập hoặc mật khẩu.');
  });

  it('translates the other known refusals', () => {
    expect(loginFailure(refusal(503, 'service-unavailable', 'Down'), vi_)).toBe(
      'Máy chủ tạm thời không xử lý được. Thao tác chưa được thực hiện; hãy thử lại.',
    );
  });
});
