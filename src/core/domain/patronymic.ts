/**
 * The particles that follow a father's name to make a Central Asian patronymic ("Бакыт уулу", "Ержан қызы",
 * "Rustam o‘g‘li"), in Kyrgyz, Kazakh and Uzbek, Cyrillic and Latin, with any apostrophe. One list for people
 * import and for redaction, so that a name read one way is matched the same way.
 */
const PARTICLE = "(?:уулу|кызы|улы|ұлы|қызы|ўғли|угли|қизи|кизи|uulu|kyzy|qyzy|uly|ugli|ogli|o['’‘ʻ`]?g['’‘ʻ`]?li|qizi|kizi)";

const WHOLE = new RegExp(`^${PARTICLE}$`, 'iu');
/** A particle as written in running text, case endings included: уулунун, кызына, qizining. */
const WITH_ENDINGS = new RegExp(`^(?:${PARTICLE}|уул|кыз)`, 'iu');
const FEMALE = /^(?:кызы|қызы|қизи|кизи|kyzy|qyzy|qizi|kizi)$/iu;

export function isPatronymicParticle(word: string): boolean {
  return WHOLE.test(word);
}

export function startsWithPatronymicParticle(word: string): boolean {
  return WITH_ENDINGS.test(word);
}

export function isFemaleParticle(word: string): boolean {
  return FEMALE.test(word);
}
