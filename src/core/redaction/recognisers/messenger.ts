import { finding, trimEnd, re, type Recogniser } from './util';

/** Telegram/WhatsApp/Signal (and social profile) handles and links. */
const LINKS = re(
  [
    '(?:https?:\\/\\/)?(?:www\\.)?(?:t\\.me|telegram\\.me|telegram\\.dog)\\/[+\\w]{3,}(?:\\/\\d+)?',
    '(?:https?:\\/\\/)?(?:wa\\.me\\/\\+?\\d{6,15}|api\\.whatsapp\\.com\\/send\\/?\\?phone=\\+?\\d{6,15}|chat\\.whatsapp\\.com\\/\\w+)',
    '(?:https?:\\/\\/)?signal\\.(?:me|group)\\/#[\\w%+\\-\\/]+',
    // Social profiles, by name or by number: the whole path and query ("facebook.com/profile.php?id=100012345678901",
    // "ok.ru/profile/571234567890", "vk.com/id123456789"), never the domain alone.
    '(?:https?:\\/\\/)?(?:www\\.|m\\.|mobile\\.|web\\.)?(?:instagram\\.com|facebook\\.com|fb\\.com|vk\\.com|vk\\.ru|ok\\.ru|odnoklassniki\\.ru|my\\.mail\\.ru|x\\.com|twitter\\.com|threads\\.net|linkedin\\.com\\/in|youtube\\.com|tiktok\\.com)\\/@?[\\w.\\-]{2,}(?:\\/@?[\\w.\\-]+)*\\/?(?:\\?[\\w.\\-]+=[\\w.\\-%]+(?:&[\\w.\\-]+=[\\w.\\-%]+)*)?',
  ].join('|'),
  'giu',
);
const HANDLE = re(String.raw`(?=@)(?<![\p{L}\p{N}_.@/])@[A-Za-z][A-Za-z0-9_]{2,31}(?:\.[A-Za-z0-9_]+)*(?![\p{L}\p{N}_@])`, 'gu');
const CONTEXT =
  re(String.raw`(?=[нлulnhtтwвsсiиv])(?<![\p{L}\p{N}])(?:ник|никнейм|ник-нейм|логин|username|login|nickname|nick|handle|telegram|телеграм(?:е|а|у|м)?|телега|tg|тг|whatsapp|ватсап(?:е|у|а)?|вотсап(?:е|у|а)?|signal|сигнал(?:е|у|а)?|instagram|инстаграм(?:е|у|а)?|imo|viber|вайбер(?:е|у)?)(?:\s+(?:username|handle|ник|ник-нейм|аккаунт|account))?(\s*[:—–-]\s*|\s+)([A-Za-z][A-Za-z0-9_.]{3,31})(?![\p{L}\p{N}_])`, 'giu');

/** A social network's numeric profile id named in prose: "VK id123456789", "Facebook ID: 100012345678901", "ОК: 571234567890". */
const SOCIAL_ID =
  re(String.raw`(?=[fфvвoоiиtт])(?<![\p{L}\p{N}])(?:facebook|fb|фейсбук\p{L}{0,2}|vk|вк|вконтакте|ok|ок|одноклассник\p{L}{0,3}|instagram|инстаграм\p{L}{0,2}|tiktok|тикток\p{L}{0,2})(?:\s+(?:id|ID|профил\p{L}{0,2}|profile|аккаунт\p{L}{0,2}|account|страниц\p{L}{0,2}|page))?\s*[:—–-]?\s*((?:id)?\d{6,20})(?![\p{L}\p{N}_])`, 'giu');

export const recogniseHandles: Recogniser = (text) => {
  const out = [];
  for (const m of text.matchAll(LINKS)) out.push(finding(m.index, trimEnd(text, m.index, m.index + m[0].length), 'handle', 0.98, 'handle:link'));
  for (const m of text.matchAll(HANDLE)) out.push(finding(m.index, trimEnd(text, m.index, m.index + m[0].length, '.'), 'handle', 0.9, 'handle:@'));
  for (const m of text.matchAll(CONTEXT)) {
    const h = m[2]!;
    const start = m.index + m[0].length - h.length;
    const end = trimEnd(text, start, start + h.length, '.');
    // After "Telegram:" a handle, not a word: it has a digit, an underscore, or no vowels-only English shape.
    const confident = /[\d_]/.test(h) || /[A-Z].*[a-z].*[A-Z]/.test(h);
    // Without a colon ("ник aigul_k", "telegram bakyt_88") only what cannot be an ordinary word.
    if (!confident && !/[:—–-]/u.test(m[1]!)) continue;
    out.push(finding(start, end, 'handle', confident ? 0.9 : 0.6, 'handle:context'));
  }
  for (const m of text.matchAll(SOCIAL_ID)) {
    const id = m[1]!;
    const start = m.index + m[0].length - id.length;
    out.push(finding(start, start + id.length, 'handle', 0.9, 'handle:social-id'));
  }
  return out;
};
