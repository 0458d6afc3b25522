import { finding, trimEnd, type Recogniser } from './util';

/** Telegram/WhatsApp/Signal (and social profile) handles and links. */
const LINKS = new RegExp(
  [
    '(?:https?:\\/\\/)?(?:www\\.)?(?:t\\.me|telegram\\.me|telegram\\.dog)\\/[+\\w]{3,}(?:\\/\\d+)?',
    '(?:https?:\\/\\/)?(?:wa\\.me\\/\\+?\\d{6,15}|api\\.whatsapp\\.com\\/send\\/?\\?phone=\\+?\\d{6,15}|chat\\.whatsapp\\.com\\/\\w+)',
    '(?:https?:\\/\\/)?signal\\.(?:me|group)\\/#[\\w%+\\-\\/]+',
    '(?:https?:\\/\\/)?(?:www\\.|m\\.)?(?:instagram\\.com|facebook\\.com|fb\\.com|vk\\.com|ok\\.ru|x\\.com|twitter\\.com|tiktok\\.com\\/@?)\\/?[\\w.\\-]{2,}',
  ].join('|'),
  'giu',
);
const HANDLE = /(?<![\p{L}\p{N}_.@/])@[A-Za-z][A-Za-z0-9_]{2,31}(?:\.[A-Za-z0-9_]+)*(?![\p{L}\p{N}_@])/gu;
const CONTEXT =
  /(?<![\p{L}\p{N}])(?:telegram|телеграм(?:е|а|у|м)?|телега|tg|тг|whatsapp|ватсап(?:е|у|а)?|вотсап(?:е|у|а)?|signal|сигнал(?:е|у|а)?|instagram|инстаграм(?:е|у|а)?|imo|viber|вайбер(?:е|у)?)(?:\s+(?:username|handle|ник|ник-нейм|аккаунт|account))?\s*[:—–-]\s*([A-Za-z][A-Za-z0-9_.]{3,31})(?![\p{L}\p{N}_])/giu;

export const recogniseHandles: Recogniser = (text) => {
  const out = [];
  for (const m of text.matchAll(LINKS)) out.push(finding(m.index, trimEnd(text, m.index, m.index + m[0].length), 'handle', 0.98, 'handle:link'));
  for (const m of text.matchAll(HANDLE)) out.push(finding(m.index, trimEnd(text, m.index, m.index + m[0].length, '.'), 'handle', 0.9, 'handle:@'));
  for (const m of text.matchAll(CONTEXT)) {
    const h = m[1]!;
    const start = m.index + m[0].length - h.length;
    const end = trimEnd(text, start, start + h.length, '.');
    // After "Telegram:" a handle, not a word: it has a digit, an underscore, or no vowels-only English shape.
    const confident = /[\d_]/.test(h) || /[A-Z].*[a-z].*[A-Z]/.test(h);
    out.push(finding(start, end, 'handle', confident ? 0.9 : 0.6, 'handle:context'));
  }
  return out;
};
