/**
 * Passwords and words that attackers try first. Short on purpose: it catches the obvious, it is not a
 * dictionary. Matching is done after lower-casing, undoing common letter-for-digit swaps and dropping spaces.
 */
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set([
  // global top lists
  'password', 'passw0rd', 'qwerty', 'qwertyuiop', 'asdfgh', 'asdfghjkl', 'zxcvbnm', 'letmein', 'welcome',
  'iloveyou', 'admin', 'administrator', 'login', 'master', 'dragon', 'monkey', 'football', 'baseball',
  'sunshine', 'princess', 'shadow', 'superman', 'batman', 'trustno1', 'whatever', 'freedom', 'starwars',
  'secret', 'changeme', 'default', 'hello', 'hellothere', 'abc', 'abcdef', 'test', 'guest', 'root', 'user',
  'summer', 'winter', 'spring', 'autumn', 'love', 'lovely', 'michael', 'jennifer', 'charlie', 'thomas',
  'correcthorsebatterystaple', 'opensesame', 'passphrase', 'mypassword', 'mypassphrase', 'fieldvault',
  'fieldwork', 'research', 'humanrights', 'interview', 'vault', 'security', 'computer', 'internet',
  // seen in leaks from the region this app is used in
  'parol', 'parol123', 'пароль', 'йцукен', 'йцукенг', 'qwerty123', 'privet', 'привет', 'lubov', 'любовь',
  'bishkek', 'tashkent', 'dushanbe', 'almaty', 'astana', 'moscow', 'moskva', 'kyrgyzstan', 'uzbekistan',
  'tajikistan', 'kazakhstan', 'russia', 'osh', 'samarkand', 'bukhara', 'fergana', 'allah', 'inshallah',
]);

/** Keyboard rows (Latin QWERTY and Russian ЙЦУКЕН) for spotting "qwerty" and "йцукен" style walks. */
export const KEYBOARD_ROWS: readonly string[] = [
  '`1234567890-=',
  'qwertyuiop[]\\',
  "asdfghjkl;'",
  'zxcvbnm,./',
  'йцукенгшщзхъ',
  'фывапролджэ',
  'ячсмитьбю',
  'abcdefghijklmnopqrstuvwxyz',
  'абвгдеёжзийклмнопрстуфхцчшщъыьэюя',
];

/** Index of the digit row and of the two alphabets in KEYBOARD_ROWS. */
export const DIGIT_ROW = 0;
export const ALPHABET_ROWS: readonly number[] = [7, 8];
