import { wordKey, type Token } from '../keys';
import { GIVEN_NAMES_TEXT } from '../lexicon/given-names';
import type { NameMatcher } from '../matcher';
import { russianise, toCyrillicVariants } from '../translit';
import { analyseWord, type WordAnalysis } from '../morphology';
import type { Finding } from '../types';
import { finding } from './util';

/**
 * Suggestions about people the register does not list: relatives, neighbours, officers and drivers named in passing
 * ("через брата, Рустама", "следователь Маматов", "her neighbour Dilfuza", "водитель Бекзат Ө."), and near-miss
 * spellings of register names ("Sultanalieava"). Every finding here is a SUGGESTION: the reviewer decides; nothing
 * is redacted silently, whatever the confidence (which stays below the default threshold and grows with evidence).
 *
 * Evidence, in points, for a run of capitalised words (with initials and "уулу"/"qizi" particles inside):
 * - each word: a given name (OpenCorpora's Name through az, or our Central Asian lexicon, in any case form:
 *   Russian cases through az, Kyrgyz/Kazakh/Uzbek/Tajik suffixes -нын/-га/-ни/-ning/-ro... stripped), a surname
 *   (az's Surn, or a surname ending: -ов/-ева/-уулу/-зода/-иён/-ov/-yeva/... in any case form), a patronymic, or
 *   at least an unknown capitalised word in mid-sentence; minus what speaks against a person: az says place
 *   (Geox), organisation (Orgn) or an ordinary word, a month or weekday, an abbreviation;
 * - the run's shape: two name words, initials ("Маматов А.", "А. Маматов"), a patronymic particle;
 * - context: a kinship, role or title word just before or after (брат, следователь, neighbour, Mr, агасы, akasi,
 *   бародари ...), a verb of speech after ("заявил"); and a place or organisation word before (улица, кафе,
 *   "имени") cancels a run;
 * - the document: a word already suggested elsewhere in the text with good evidence ("Обама" -> "Обамы").
 * A word at the start of a sentence (or line, or quotation) gets no credit for its capital letter.
 */

// ---------------------------------------------------------------------------------------------------------------
// Lexicons

// Keyed on first use rather than at load: a few thousand names through wordKey is time every command would pay.
let givenKeys: ReadonlySet<string> | null = null;
const given = (): ReadonlySet<string> => (givenKeys ??= new Set<string>(GIVEN_NAMES_TEXT.split(/\s+/u).filter((w) => w.length >= 3).map(wordKey)));

/** Months, weekdays and other capitalised non-names in the six languages (lower case, apostrophes dropped). */
const NOT_NAMES = new Set(
  `january february march april may june july august september october november december monday tuesday wednesday
thursday friday saturday sunday the this that these those there here then when where what who whom whose which why how
and but or if as at by in on of to for from with without after before during since until about above below between
into through under over against among he she it we they you i his her hers its our their my your mine me him them us
mr ms mrs miss dr sir madam mister according also however although because while yes no not all some many most any
each every both either neither one two three four five six seven eight nine ten first second third last next new old
ministry republic court police government office department committee service security national international state
regional district city region province village street avenue road square airport market bazaar university school
hospital prison colony centre center bank company embassy consulate parliament president prime minister interview
notes note summary date place language format interviewer respondent witness source redacted name names family
russian english kyrgyz kazakh uzbek tajik turkmen russia kyrgyzstan kazakhstan uzbekistan tajikistan turkmenistan
moscow glasgow krakow warsaw rostov saratov yaroslavl follow below allow window shadow meadow widow
turkey europe european asia asian soviet ussr muslim islam islamic christian orthodox god allah telegram whatsapp
signal facebook instagram tiktok youtube viber imo google apple android iphone covid
yanvar fevral mart aprel iyun iyul avgust sentabr sentyabr oktabr oktyabr noyabr dekabr dushanba seshanba chorshanba
payshanba juma shanba yakshanba
январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь декабрь понедельник вторник среда четверг
пятница суббота воскресенье қаңтар ақпан наурыз сәуір мамыр маусым шілде тамыз қыркүйек қазан қараша желтоқсан
дүйсенбі сейсенбі сәрсенбі бейсенбі жұма сенбі жексенбі дүйшөмбү шейшемби шаршемби бейшемби жума ишемби жекшемби
душанбе сешанбе чоршанбе панҷшанбе ҷумъа шанбе якшанбе январ феврал апрел июн июл сентябр октябр ноябр декабр
бог аллах господь христос ал алар мен сен биз сиз ол олар улар ман ту мо шумо u ular men sen biz siz анын алардын менин сенин биздин силердин оның олардың менің сенің біздің сіздің uning
ularning mening sening bizning sizning унинг уларнинг менинг сенинг бизнинг сизнинг вай ӯ онҳо жогорку кенеш кенеша кенеше кенешинин мажилис мажилиса мажлиси маджлиси милли оли олий
курултай сенат акимат акимата хокимият хокимията хукумат хукумати жамоат джамоат өкмөт өкмөтү ата-журт интернет
whatsapp вацап ватсап телеграм телеграмм инстаграм фейсбук ютуб вайбер имо ок ок-ру`
    .split(/\s+/u)
    .filter(Boolean),
);

/**
 * Words that mark the next (or, for the Turkic and Tajik possessives, the previous) capitalised word as a person:
 * kinship, roles, titles. Matched on the word's beginning, so that case forms count (брата, соседке, бародари).
 */
const PERSON_CUE_STEMS = [
  // Russian kinship
  'брат', 'братишк', 'сестр', 'сестрёнк', 'сестренк', 'мать', 'матер', 'мам', 'отец', 'отц', 'пап', 'сын', 'дочь', 'дочер', 'дочк',
  'муж', 'жена', 'жене', 'жену', 'женой', 'супруг', 'сосед', 'дяд', 'тёт', 'тет', 'племянни', 'внук', 'внучк', 'бабушк', 'дедушк', 'дед',
  'свекр', 'свекров', 'тёщ', 'тещ', 'тест', 'зят', 'невестк', 'шурин', 'деверь', 'золовк', 'кузен', 'кузин', 'родственни', 'друг',
  'подруг', 'знаком', 'коллег', 'одноклассни', 'сожител', 'жених', 'невест', 'вдов', 'сирот', 'пасынок', 'падчериц',
  // Russian roles and titles
  'следовател', 'полицейск', 'милиционер', 'участков', 'оперативни', 'оперуполномоченн', 'опер', 'водител', 'таксист',
  'шофёр', 'шофер', 'гражданин', 'гражданк', 'господин', 'госпож', 'г-н', 'г-жа', 'мистер', 'миссис', 'мисс', 'сеньор', 'месье',
  'начальник', 'инспектор', 'пограничник', 'сотрудник', 'сотрудниц', 'дознавател', 'прокурор', 'судья', 'судьи', 'судье', 'судью',
  'адвокат', 'защитник', 'нотариус', 'работодател', 'хозяин', 'хозяйк', 'бригадир', 'прораб', 'директор', 'заведующ', 'охранник',
  'надзирател', 'конвоир', 'майор', 'капитан', 'лейтенант', 'старшин', 'сержант', 'прапорщик', 'полковник', 'подполковник',
  'генерал', 'президент', 'премьер', 'министр', 'депутат', 'сенатор', 'губернатор', 'мэр', 'аким', 'глав', 'председател',
  'замминистр', 'посол', 'журналист', 'активист', 'правозащитни', 'блогер', 'юрист', 'врач', 'доктор', 'медсестр', 'учител',
  'учительниц', 'преподавател', 'профессор', 'имам', 'мулла', 'священни', 'вербовщик', 'посредник', 'арендодател', 'соседк',
  'пострадавш', 'потерпевш', 'задержанн', 'обвиняем', 'подозреваем', 'осуждённ', 'осужденн', 'заключённ', 'заключенн',
  'свидетел', 'свидетельниц', 'респондент', 'собеседни', 'заявител', 'мигрант', 'певец', 'певиц', 'актёр', 'актер', 'актрис',
  'режиссёр', 'режиссер', 'писател', 'поэт', 'художни', 'тренер', 'футболист', 'спортсмен', 'бизнесмен', 'предпринимател',
  'основател', 'лидер', 'спикер', 'канцлер', 'король', 'королев', 'принц', 'принцесс', 'патриарх', 'госсекретар', 'секретар',
  'представител', 'эксперт', 'аналитик', 'политик', 'политолог', 'экономист', 'учёный', 'ученый', 'зовут',
  'император', 'кронпринц', 'князь', 'княгин', 'царь', 'царица', 'шейх', 'эмир', 'раввин', 'рэпер', 'музыкант', 'вокалист',
  'солист', 'исполнител', 'телеведущ', 'ведущ', 'комик', 'видеоблогер', 'менеджер', 'медиаменеджер', 'дипломат', 'чемпион',
  'боксёр', 'боксер', 'теннисист', 'хоккеист', 'пилот', 'космонавт', 'астронавт', 'фотограф', 'композитор', 'дирижёр',
  'дирижер', 'пианист', 'продюсер', 'сценарист', 'мадам', 'мсье', 'месье', 'сэр', 'леди', 'лорд', 'кандидат', 'сторонни',
  'соратни', 'помощни', 'заместител', 'пресс-секретар', 'омбудсмен', 'уполномоченн', 'мигрантк', 'работник', 'работниц',
  'гастарбайтер', 'пассажир', 'пациент', 'студент', 'школьни', 'ребёнок', 'ребенок', 'мальчик', 'девочк', 'девушк', 'парен',
  'мужчин', 'женщин', 'старик', 'старушк', 'вдовец', 'невестка',
  // Kyrgyz
  'агасы', 'агасын', 'агам', 'агай', 'эжеси', 'эжесин', 'эжем', 'эже', 'иниси', 'инисин', 'иним', 'апасы', 'апам', 'атасы', 'атам',
  'байкеси', 'байке', 'карындашы', 'сиңдиси', 'жездеси', 'жеңеси', 'келини', 'күйөөсү', 'күйөө', 'аялы', 'уулу', 'кызы', 'неберес',
  'кошуна', 'айдоочу', 'тергөөчү', 'милиционер', 'мырза', 'айым',
  // Kazakh
  'ағасы', 'ағай', 'әпкесі', 'әпке', 'інісі', 'анасы', 'әкесі', 'қарындасы', 'сіңлісі', 'баласы', 'жұбайы', 'күйеуі', 'әйелі',
  'көрші', 'жүргізуші', 'тергеуші', 'полицей', 'ханым', 'апай',
  // Uzbek (Latin and Cyrillic)
  'akasi', 'aka', 'opasi', 'opa', 'ukasi', 'uka', 'onasi', 'otasi', 'singlisi', 'eri', 'xotini', 'ogli', 'qizi', 'qoshni', 'haydovchi',
  'tergovchi', 'militsioner', 'amakisi', 'tog‘asi', 'togasi', 'xolasi', 'domla', 'акаси', 'ака', 'опаси', 'опа', 'укаси', 'онаси',
  'отаси', 'синглиси', 'эри', 'хотини', 'ўғли', 'қизи', 'қўшни', 'ҳайдовчи', 'хайдовчи', 'терговчи', 'амакиси', 'холаси',
  // Tajik
  'бародар', 'модар', 'падар', 'хоҳар', 'писар', 'духтар', 'шавҳар', 'зани', 'ҳамсоя', 'амак', 'тағо', 'хола', 'ронанда', 'муфаттиш',
  'милиса', 'афсар', 'ҷаноби', 'хонум', 'домулло',
];

const PERSON_CUE_WORDS_EN = new Set([
  'mother', 'mum', 'mom', 'father', 'dad', 'brother', 'brothers', 'sister', 'sisters', 'son', 'daughter', 'husband', 'wife',
  'neighbour', 'neighbor', 'neighbours', 'neighbors', 'uncle', 'aunt', 'cousin', 'nephew', 'niece', 'grandson', 'granddaughter',
  'grandmother', 'grandfather', 'grandma', 'grandpa', 'friend', 'colleague', 'fiance', 'fiancé', 'fiancee', 'widow', 'in-law',
  'officer', 'officers', 'policeman', 'policewoman', 'investigator', 'detective', 'inspector', 'driver', 'guard', 'warden',
  'prosecutor', 'judge', 'lawyer', 'attorney', 'employer', 'boss', 'foreman', 'landlord', 'landlady', 'recruiter', 'broker',
  'sergeant', 'lieutenant', 'captain', 'major', 'colonel', 'general', 'mr', 'ms', 'mrs', 'miss', 'dr', 'mister', 'madam',
  'named', 'called', 'journalist', 'activist', 'defender', 'blogger', 'witness', 'victim', 'detainee', 'imam', 'mullah',
  'teacher', 'doctor', 'nurse', 'director', 'manager', 'deputy', 'minister', 'president', 'senator', 'mayor', 'chief',
]);

/** Words after which a capitalised word is a place, street or organisation, not a person. */
const PLACE_CUE_STEMS = [
  'улиц', 'ул', 'проспект', 'просп', 'пр', 'переул', 'пер', 'бульвар', 'б-р', 'площад', 'пл', 'микрорайон', 'мкр', 'район',
  'р-н', 'сел', 'город', 'г', 'гор', 'посёл', 'посел', 'пос', 'пгт', 'деревн', 'аул', 'айыл', 'кишлак', 'област', 'обл', 'станци',
  'ст', 'дар', 'аэропорт', 'рынк', 'рынок', 'базар', 'кафе', 'ресторан', 'магазин', 'компани', 'фирм', 'осоо', 'ооо', 'оао', 'зао', 'ао',
  'ип', 'банк', 'университет', 'школ', 'гимнази', 'лице', 'больниц', 'клиник', 'им', 'фонд', 'центр', 'организаци', 'ассоциаци',
  'движени', 'парти', 'газет', 'журнал', 'телеканал', 'агентств', 'издани', 'канал', 'ровд', 'увд', 'гувд', 'овд', 'суд',
  'кӯчаи', 'кучаи', 'ноҳияи', 'шаҳри', 'вилояти', 'деҳаи', 'ҷамоати', 'street', 'st', 'avenue', 'ave', 'road', 'rd', 'lane',
  'district', 'village', 'city', 'town', 'region', 'oblast', 'province', 'airport', 'market', 'bazaar', 'cafe', 'café',
  'restaurant', 'company', 'firm', 'school', 'university', 'hospital', 'clinic', 'bank', 'foundation', 'fund', 'centre',
  'center', 'organisation', 'organization', 'association', 'party', 'newspaper', 'channel', 'agency', 'hotel', 'mosque',
  'church', 'club', 'prison', 'colony', 'gymnasium', 'lyceum', 'institute', 'stadium', 'park',
];
/** Words after a capitalised word that make it a street, district or place (Kyrgyz, Kazakh, Uzbek possessives). */
const PLACE_AFTER_STEMS = [
  'көчө', 'району', 'облусу', 'айылы', 'шаары', 'көшесі', 'ауданы', 'облысы', 'ауылы', 'қаласы', 'kochasi', 'ko‘chasi', 'tumani',
  'viloyati', 'mahallasi', 'shahri', 'кўчаси', 'тумани', 'вилояти', 'маҳалласи', 'махалласи', 'street', 'avenue', 'district',
  'region', 'oblast', 'province', 'village', 'city', 'airport', 'market', 'bazaar', 'university', 'school', 'hospital',
  'улица', 'проспект', 'район', 'области', 'область', 'station', 'metro', 'square', 'prospekt', 'prospekti', 'bekati',
  'бекети', 'станция', 'метро', 'даңғылы', 'проспектиси', 'хиёбони',
];
/** Street and station words: a name after one of them names the street (проспект Чингиза Айтматова), not a person. */
const STREET_CUE_STEMS = ['улиц', 'ул', 'проспект', 'просп', 'пр', 'пр-т', 'переул', 'пер', 'бульвар', 'б-р', 'площад', 'пл', 'станци', 'метро', 'набережн', 'шоссе', 'кӯчаи', 'кучаи', 'хиёбони', 'street', 'st', 'avenue', 'ave', 'road', 'rd', 'lane', 'square', 'station', 'metro', 'boulevard'];

/** Verbs of speech and life events after a name: weak evidence of a person. */
const SPEECH_AFTER = new Set(
  `сказал сказала заявил заявила сообщил сообщила рассказал рассказала отметил отметила ответил ответила пояснил пояснила
добавил добавила подчеркнул подчеркнула признал признала написал написала говорит сказал считает пишет родился родилась
умер умерла погиб погибла вспоминает вспоминал вспоминала попросил попросила обещал обещала угрожал угрожала ударил ударила
избил избила задержал задержала said says told stated added wrote recalled asked threatened beat arrested died`.split(/\s+/u),
);

/** Patronymic particles that sit inside a name ("Асан уулу Бакыт", "Alisher Rustam o‘g‘li"). */
const PARTICLES = new Set(['уулу', 'кызы', 'улы', 'қызы', 'оглы', 'оглу', 'угли', 'ўғли', 'қизи', 'кизи', 'ugli', 'ogli', 'qizi', 'kyzy', 'uulu', 'uly', 'ibn', 'ибн', 'бинт', 'зода', 'zoda', 'заде', 'zade']);

// ---------------------------------------------------------------------------------------------------------------
// Word shapes

const PATRONYMIC = /(?:[оеё]вич|[оеё]вн|ьич|ичн|инич)(?:а|у|ем|ом|е|ы|ой)?$|(?:ovich|evich|ovna|evna|ovitch|ovic|evic|ichna)$/u;

/** Suffix lists for stripping case endings before a lexicon look-up, in key space (see keys.ts). */
const KEY_ENDINGS = [
  'ning', 'ding', 'ting', 'niki', 'nin', 'din', 'tin', 'nun', 'dun', 'tun', 'dan', 'tan', 'don', 'ton', 'den', 'ten', 'nan', 'nen',
  'ga', 'ka', 'go', 'ko', 'ge', 'ke', 'na', 'ne', 'ni', 'di', 'ti', 'nu', 'du', 'tu', 'da', 'ta', 'do', 'to', 'de', 'te', 'ro', 'ra',
  'om', 'oi', 'ei', 'em', 'im', 'iu', 'ia', 'a', 'u', 'e', 'i', 'o',
];
/** Kyrgyz, Kazakh, Uzbek and Tajik endings in Cyrillic, to strip before asking az about the stem. */
const TURKIC_CYR = /(?:нын|дын|тын|нин|дин|тин|нун|дун|тун|нүн|дүн|түн|ның|нің|дың|дің|тың|тің|нинг|дан|тан|дон|тон|ден|тен|дөн|төн|нан|нен|га|ка|го|ко|ге|ке|гө|кө|ға|ғе|қа|қе|ны|ды|ты|ни|ди|ти|ну|ду|ту|нү|дү|тү|ні|ді|ті|да|та|до|то|де|те|дө|тө|ро)$/u;

const CYRILLIC = /\p{Script=Cyrillic}/u;
const TWO_LETTER_INITIALS = new Set(['zh', 'sh', 'ch', 'kh', 'dj', 'ts', 'ya', 'yu', 'ye', 'yo', 'gh', 'дж', 'sch']);
const LETTERS = /^[\p{L}\p{M}'’ʼʻ`‘-]+$/u;

function lexiconGiven(key: string): number {
  const names = given();
  if (names.has(key)) return 1;
  for (const e of KEY_ENDINGS) {
    if (key.length - e.length < 3 || !key.endsWith(e)) continue;
    const stem = key.slice(0, -e.length);
    if (names.has(stem) || names.has(`${stem}a`) || names.has(`${stem}ia`)) return 0.9;
  }
  return 0;
}

/** A crude stem for "the same name elsewhere in the text" (Обама / Обамы / Обаме; Маматов / Маматовым). */
function stemKey(key: string): string {
  for (const e of ['ami', 'om', 'oi', 'ei', 'em', 'im', 'iu', 'ia', 'ning', 'nin', 'din', 'ga', 'ka', 'ni', 'a', 'u', 'e', 'i', 'o']) {
    if (key.length - e.length >= 3 && key.endsWith(e)) return key.slice(0, -e.length);
  }
  return key;
}

// Latin -> Cyrillic, for asking the Russian dictionary about Latin-spelled names and places ("Rustam", "Bishkek").

// ---------------------------------------------------------------------------------------------------------------
// Per-word evidence

/** What is known of a word whatever its position; `pointsOf` turns it into points at a position. */
/** What the dictionary says (az's shares; for a Latin word, of its Cyrillic reading), and what we add to it. */
interface WordFacts extends Omit<WordAnalysis, 'lemma'> {
  /** Never part of a name: a month, weekday, function word, institution, or not a word. */
  readonly stop: boolean;
  readonly cyrillic: boolean;
  readonly allCaps: boolean;
  /** In our name lexicon (1; 0.9 through a stripped case ending). */
  readonly lexicon: number;
  /** A surname ending: 2 strong (-ов, -ова, -уулу, -зода, -ov ...), 1 weak (-ский, -ич, Latin -in ...), 0 none. */
  readonly shape: number;
  readonly patronymicShape: boolean;
  readonly stem: string;
}

interface Evidence {
  readonly points: number;
  /** The word has name evidence of its own (not only "capitalised and unknown"). */
  readonly named: boolean;
  readonly blocked: boolean;
  readonly given: boolean;
  readonly surname: boolean;
  readonly patronymic: boolean;
  /** Only "an ordinary word with a capital letter" speaks for it. */
  readonly ordinary: boolean;
}

const factsCache = new Map<string, WordFacts>();
const FACTS_LIMIT = 100_000;

function capitalise(w: string): string {
  return w.charAt(0).toUpperCase() + w.slice(1).toLowerCase();
}

/** Kyrgyz, Kazakh, Tajik and Uzbek letters as a Russian text writes them, for asking the Russian dictionary. */
const NATIONAL = /[үөңғқҳҷӣӯўәіһұ]/u;


function useful(a: WordAnalysis | null): a is WordAnalysis {
  return a !== null && a.known && (a.name > 0 || a.surname > 0 || a.patronymic > 0 || a.place > 0 || a.org > 0);
}

/**
 * The dictionary's view of a word: as written; for a Latin word, its Cyrillic reading; for a word the dictionary
 * does not know, its Russianised spelling ("Айгүл" -> "Айгул", "Айгуль") and its stem without a Kyrgyz, Kazakh,
 * Uzbek or Tajik case ending ("Айгүлдүн" -> "Айгүл", "Бишкекте" -> "Бишкек").
 */
function dictionary(word: string): WordAnalysis | null {
  if (CYRILLIC.test(word)) {
    const proper = capitalise(word);
    const a = analyseWord(proper);
    if (a === null || a.known) return a;
    const stems = [proper];
    const m = TURKIC_CYR.exec(proper.toLowerCase());
    if (m !== null && proper.length - m[0].length >= 3) stems.push(proper.slice(0, proper.length - m[0].length));
    for (const stem of stems) {
      const variants = stem === proper ? [] : [stem];
      if (NATIONAL.test(stem)) variants.push(russianise(stem));
      const last = variants[variants.length - 1];
      if (last !== undefined && /[лнт]$/u.test(last)) variants.push(`${last}ь`);
      for (const v of variants) {
        const b = analyseWord(v);
        if (useful(b)) return b;
      }
    }
    return a;
  }
  // A Latin word: the dictionary's view of its Cyrillic readings (translit.ts; a j read as дж and as й).
  if (!/^[a-z'’ʻ‘`]+$/iu.test(word)) return null;
  const readings = toCyrillicVariants(word);
  for (const r of readings) {
    const b = analyseWord(r);
    if (useful(b)) return b;
  }
  return analyseWord(readings[0]!);
}

const PLACE_SHAPE = /(?:стан|стон|истон|iston|stan|ston|кент|kent|абад|обод|abad|obod|шаар|шахр|shahr)$/u;
const PLACE_CASE = /(?:нын|дын|тын|нин|дин|тин|ның|нің|дың|дің|тың|тің|нинг|ning|дан|тан|ден|тен|dan|dagi|даги|да|та|де|те|da|ta|га|ка|ге|ке|ға|қа|ga|ka|qa|ны|ни|ды|ди|ты|ти|ni|ро|ra|и)$/u;
const STRONG_CYR = /[оеё]в(?:а|у|ым|ой|ом|е|ы|ых|ыми)?$|(?:уулу|кызы|улы|қызы)$|(?:зода|заде|зоды|зодаи|зодаро|зодае)$|иён(?:и|ро)?$|(?:енко|швили|дзе)$/u;
/** Weak: -ин/-ын (Russian surnames in -ин are in the dictionary; an unknown word in -ин is as likely Kyrgyz: "кийин", "анын"). */
const WEAK_CYR = /[иы]н(?:а|у|ым|ой|ом|е|ы)?$|пур$|(?:янц|ян|ук|юк)$/u;
const STRONG_LAT = /(?:ov|ev|yev|iev|jev|ow|ew)(?:a|u|ym|im|oy|oi|om|e|y)?$|(?:ova|eva|yeva|ieva|jeva|owa)$|(?:uulu|kyzy|qizi|ugli|ogli|zoda|zade|zada|iyon|iyen)$|(?:enko|shvili|dze)$/u;
const WEAK_LAT = /(?:yan|ian|in|ina)$/u;

function wordFacts(word: string, key: string): WordFacts {
  const hit = factsCache.get(word);
  if (hit !== undefined) return hit;
  const lower = word.toLowerCase().replace(/['’ʼʻ`‘]/g, '');
  const cyrillic = CYRILLIC.test(word);
  const letters = [...lower].length;
  // Kinship words ("Апасы", "Ағасының": her mother, his brother) and a patronymic particle alone ("Кызы", "Qizi")
  // open sentences in Turkic notes; they point at a name, they are not one.
  const kin = isAfterCue(norm(word)) || PARTICLES.has(lower);
  const stop = NOT_NAMES.has(lower) || kin || !LETTERS.test(word) || letters < 2;
  const a = stop ? null : dictionary(word);
  // Country and town names by their endings, with a Turkic or Tajik case ending or not: "Тоҷикистонро", "Тошкентга".
  const stripped = lower.replace(PLACE_CASE, '');
  const placeShape = !stop && ((letters >= 7 && PLACE_SHAPE.test(lower)) || ([...stripped].length >= 7 && PLACE_SHAPE.test(stripped)));
  const shape = letters < 4 ? 0 : cyrillic ? (STRONG_CYR.test(lower) ? 2 : WEAK_CYR.test(lower) ? 1 : 0) : STRONG_LAT.test(lower) ? 2 : WEAK_LAT.test(lower) ? 1 : 0;
  const facts: WordFacts = {
    stop,
    cyrillic,
    allCaps: letters > 1 && word === word.toUpperCase(),
    lexicon: stop ? 0 : lexiconGiven(key),
    name: a?.name ?? 0,
    surname: a?.surname ?? 0,
    patronymic: a?.patronymic ?? 0,
    place: placeShape ? 1 : (a?.place ?? 0),
    org: a?.org ?? 0,
    common: cyrillic ? (a?.common ?? 0) : 0,
    noun: cyrillic ? (a?.noun ?? 0) : 0,
    adjective: cyrillic ? (a?.adjective ?? 0) : 0,
    known: cyrillic ? (a?.known ?? false) : false,
    guessedSurname: a?.guessedSurname ?? 0,
    shape,
    patronymicShape: letters >= 6 && PATRONYMIC.test(lower),
    stem: stemKey(key),
  };
  if (factsCache.size >= FACTS_LIMIT) factsCache.clear();
  factsCache.set(word, facts);
  return facts;
}

const BLOCKED: Evidence = { points: -3, named: false, blocked: true, given: false, surname: false, patronymic: false, ordinary: false };

/**
 * Points for a word at a position. In mid-sentence a capital letter is itself evidence: a word with any name reading
 * counts as a name even where its ordinary reading is commoner ("Саше", "Том"); at a sentence start only the
 * dictionary's and the lexicon's weights count ("Роза" there is most likely a flower).
 */
function pointsOf(f: WordFacts, initial: boolean): Evidence {
  if (f.stop) return BLOCKED;
  // A lexicon given name half-outweighs a place reading (az reads Стэнли as a place; Нарын is a town and a name).
  const person = Math.max(f.name, f.surname, f.patronymic, 0.5 * f.lexicon);
  const latinShort = !f.cyrillic && f.stem.length < 4;
  let given = 0;
  let surname = 0;
  const patronymic = f.patronymicShape || f.patronymic >= 0.25 ? 2 : 0;
  if (f.cyrillic) {
    if (initial) {
      if (f.name >= 0.25) given = 2 * Math.min(1, f.name + 0.25);
      if (f.surname >= 0.25) surname = 2 * Math.min(1, f.surname + 0.25);
    } else {
      if (f.name > 0) given = 1.5 + 0.5 * f.name;
      if (f.surname > 0) surname = 1.5 + 0.5 * f.surname;
    }
  } else if (!latinShort) {
    // A Latin word read in Cyrillic: names and places only, and less surely.
    if (f.name >= 0.5) given = 1.6 * f.name;
    if (f.surname >= 0.5) surname = 1.6 * f.surname;
  }
  const commonWord = f.known && f.common >= 0.5 && person < 0.25;
  if (f.lexicon > 0) given = Math.max(given, commonWord ? 0.8 : 2 * f.lexicon);
  if (f.shape > 0) {
    const strong = f.shape === 2;
    let s = strong ? (f.guessedSurname >= 0.3 ? 1.7 : 1.5) : initial ? 0 : 0.6;
    if (commonWord) s = initial ? 0 : strong ? 1 : 0.3;
    surname = Math.max(surname, s);
  }
  if (!initial && f.adjective >= 0.5 && person < 0.3 && f.lexicon === 0 && f.shape < 2) return BLOCKED; // "Московского", "Верховный"
  let named = given > 0 || surname > 0 || patronymic > 0;
  let base = Math.max(given, surname, patronymic);
  if (!named) {
    if (!f.known) base = initial ? 0 : f.cyrillic ? 0.9 : 0.4;
    else if (!initial && f.adjective >= 0.5) return BLOCKED; // a capitalised adjective: an organisation or a title
    else if (!initial) base = 0.3; // a capitalised noun (or verb) in mid-sentence: maybe a surname ("Трамп", "Кит Флинт", "Месси")
  }
  let against = 3 * Math.max(f.place, f.org) * (1 - person);
  if (!initial && Math.max(f.place, f.org) > person) against = Math.max(against, base + 1);
  if (initial) against += 2.5 * f.common * (1 - person);
  if (f.allCaps && patronymic === 0 && given === 0 && f.shape === 0) against = Math.max(against, base + 1);
  if (f.allCaps && f.cyrillic && f.stem.length <= 4) against = Math.max(against, base + 1);
  const points = base + (given > 0 && surname > 0 ? 0.25 : 0) - against;
  if (points <= 0) return BLOCKED;
  named &&= points >= 1;
  const ordinary = !named && f.known;
  return { points, named, blocked: false, given: given > 0, surname: surname > 0, patronymic: patronymic > 0, ordinary };
}

// ---------------------------------------------------------------------------------------------------------------
// Context

/**
 * A function of one word, remembered per word: the cue tests below walk lists of hundreds of stems, and a long note
 * asks them about the same few thousand words again and again.
 */
function perWord<T>(f: (w: string) => T): (w: string) => T {
  const cache = new Map<string, T>();
  return (w) => {
    let v = cache.get(w);
    if (v === undefined) {
      v = f(w);
      if (cache.size >= FACTS_LIMIT) cache.clear();
      cache.set(w, v);
    }
    return v;
  };
}

const norm = perWord((w: string): string => w.toLowerCase().replace(/['’ʼʻ`]/g, '‘').replace(/‘/g, ''));

/** The word is one of the stems with at most `extra` letters of ending (брат, брата, братом; not "другой" for друг... mostly). */
function startsWithAny(w: string, stems: readonly string[], extra = 3): boolean {
  for (const s of stems) if (w.startsWith(s) && w.length - s.length <= extra) return true;
  return false;
}

const SENTENCE_END = /[.!?…:;\n]/u;
const OPENERS = /[«"“„([]/u;

/** Whether token i starts a sentence, a line, a list item or a quotation (so its capital letter proves nothing). */
function sentenceInitial(text: string, tokens: readonly Token[], i: number): boolean {
  const t = tokens[i]!;
  if (i === 0) return true;
  const prevEnd = tokens[i - 1]!.end;
  // One space between two words: no sentence starts there (the common case, decided without a slice).
  if (t.start - prevEnd === 1 && text.charCodeAt(prevEnd) === 0x20) return false;
  const gap = text.slice(prevEnd, t.start);
  if (OPENERS.test(gap)) return true;
  if (tokens[i - 1]!.initial && /^\.[ \t]*$/u.test(gap)) return false;
  return SENTENCE_END.test(gap);
}

/** The gap between two tokens allows a cue to bind: spaces, or a comma, or a colon ("брат: Рустам"), or a dash. */
function cueGap(gap: string): boolean {
  return gap.length > 0 && gap.length <= 4 && /^[ \t]*[,:–—-]?[ \t]*$/u.test(gap);
}

const CUE_STEMS = PERSON_CUE_STEMS.map((c) => c.replace(/‘/g, ''));

const isPersonCue = perWord((w: string): boolean => PERSON_CUE_WORDS_EN.has(w) || startsWithAny(w, CUE_STEMS));

/** Kinship and address words that follow a name in Kyrgyz, Kazakh and Uzbek ("Рустам агасы", "Dilfuza opa"). */
const AFTER_CUES = new Set(
  `агасы агасына агасынын агасы эжеси эжесине эжесинин иниси инисине апасы атасы байкеси карындашы сиңдиси жездеси жеңеси
келини күйөөсү аялы небереси кошунасы агай эже аке ака апа ата мырза айым байке ағасы ағайы әпкесі інісі анасы әкесі
қарындасы сіңлісі баласы жұбайы күйеуі әйелі көршісі ханым апай ағай akasi aka opasi opa ukasi onasi otasi singlisi
xotini qoshnisi amakisi togasi xolasi domla xon akam opam акаси опаси укаси онаси отаси синглиси хотини қўшниси амакиси
холаси ака опа хон жон`.split(/\s+/u).map((w) => w.replace(/‘/g, '')),
);
const AFTER_CUE_LIST = [...AFTER_CUES];

/** A Turkic possessive kinship word in any case form ("агасы", "агасына", "эжеге", "akasining"). */
const isAfterCue = perWord((w: string): boolean => AFTER_CUES.has(w) || startsWithAny(w, AFTER_CUE_LIST, 5));

const isStreetCue = perWord((w: string): boolean => {
  for (const s of STREET_CUE_STEMS) if (s.length <= 3 ? w === s : w.startsWith(s) && w.length - s.length <= 3) return true;
  return false;
});

const isPlaceCueBefore = perWord((w: string): boolean => {
  for (const s of PLACE_CUE_STEMS) {
    // Short abbreviations (ул, г, пр, st) must match the whole word; longer stems match a beginning.
    if (s.length <= 3 ? w === s : w.startsWith(s)) return true;
  }
  return false;
});

/** A street, district or place word after a name (Kyrgyz, Kazakh, Uzbek possessives). */
const isPlaceAfter = perWord((w: string): boolean => startsWithAny(w, PLACE_AFTER_STEMS, 6));

// ---------------------------------------------------------------------------------------------------------------
// Near misses of register names (kept from before)

function deletions(key: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < key.length; i++) out.push(key.slice(0, i) + key.slice(i + 1));
  return out;
}

const indexes = new WeakMap<NameMatcher, Map<string, string[]>>();

/** A symmetric-deletion index (one deletion) over the register's single-word keys of five letters or more. */
function nearIndex(m: NameMatcher): Map<string, string[]> {
  let idx = indexes.get(m);
  if (idx !== undefined) return idx;
  idx = new Map();
  for (const key of m.singleKeys.keys()) {
    if (key.length < 5) continue;
    for (const d of [key, ...deletions(key)]) {
      const list = idx.get(d);
      if (list === undefined) idx.set(d, [key]);
      else if (list.length < 8) list.push(key);
    }
  }
  indexes.set(m, idx);
  return idx;
}

const nearMisses = new WeakMap<Map<string, string[]>, Map<string, boolean>>();

/** Whether a key is one deletion away from a register key (both ways), remembered per key: words repeat. */
function nearMiss(idx: Map<string, string[]>, key: string): boolean {
  let seen = nearMisses.get(idx);
  if (seen === undefined) {
    seen = new Map();
    nearMisses.set(idx, seen);
  }
  let hit = seen.get(key);
  if (hit === undefined) {
    hit = idx.has(key) || deletions(key).some((d) => idx.has(d));
    if (seen.size >= FACTS_LIMIT) seen.clear();
    seen.set(key, hit);
  }
  return hit;
}

// ---------------------------------------------------------------------------------------------------------------
// The detector

/** Points at which a run becomes a suggestion. */
const EMIT = 1.5;
/** Points at which a suggested run's words seed "the same name elsewhere". */
const SEED = 2;

function confidenceOf(points: number): number {
  return Math.round(Math.min(0.49, Math.max(0.2, 0.12 + 0.075 * points)) * 100) / 100;
}

interface Run {
  readonly first: number;
  readonly last: number;
  points: number;
  readonly reasons: Set<string>;
  /** Token indexes of the run's name words (not initials or particles). */
  readonly words: readonly number[];
  /** Of those, the words that may stand for the person elsewhere in the text. */
  readonly seedable: readonly number[];
  readonly named: boolean;
  readonly cyrillic: boolean;
}

/** First and second halves of hyphenated place names ("Сан-Диего", "Жалал-Абад", "Кара-Суу", "Чолпон-Ата"). */
const PLACE_PREFIXES = new Set(
  `сан санкт сен сент нью лос лас эль ла ле де порт форт грейт усть верхне нижне ново старо кара ак кок көк кызыл сары жалал
ысык иссык тогуз чон кичи ала орто таш янги san saint st new los las el la le port fort great kara ak kok kyzyl sary jalal
issyk yangi`.split(/\s+/u),
);
const PLACE_SUFFIXES = [
  ...`абад обод суу балта көл кол ата ате аты ату атой булак тобе төбө тау кала шахр сай дарья дарё abad obod suu balta kol
ata bulak tobe tau sai darya`.split(/\s+/u),
];

const CONJUNCTIONS = new Set(['и', 'или', 'and', 'or', 'va', 'ва', 'жана', 'менен', 'мен', 'және', 'ham']);
const ROMAN = /^(?:I{1,3}|IV|VI{0,3}|IX|XI{0,3})$/u;

export function suggestNames(text: string, tokens: readonly Token[], covered: (start: number, end: number) => boolean, matcher: NameMatcher): Finding[] {
  const out: Finding[] = [];
  const idx = nearIndex(matcher);
  const n = tokens.length;
  const done = new Uint8Array(n);
  const facts = new Array<WordFacts | undefined>(n);
  const evidence = new Array<Evidence | undefined>(n);

  const factsAt = (i: number): WordFacts => (facts[i] ??= wordFacts(tokens[i]!.text, tokens[i]!.key));
  const initialAt = (i: number): boolean => sentenceInitial(text, tokens, i);
  /** Evidence for a capitalised word at i (its position decides how much its capital letter counts). */
  const evidenceAt = (i: number): Evidence => (evidence[i] ??= pointsOf(factsAt(i), initialAt(i)));
  const isParticle = (i: number): boolean => PARTICLES.has(norm(tokens[i]!.text));
  // The tokeniser calls any one- or two-letter capitalised word before a full stop an initial; "Ош." and "Mr." are not.
  const isInitial = (i: number): boolean => tokens[i]!.initial && ([...tokens[i]!.text].length === 1 || TWO_LETTER_INITIALS.has(tokens[i]!.text.toLowerCase()));
  const endOf = (i: number): number => (tokens[i]!.initial ? tokens[i]!.end + 1 : tokens[i]!.end);
  const isCovered = (i: number): boolean => covered(tokens[i]!.start, endOf(i));
  const gapBefore = (i: number): string => (i === 0 ? '' : text.slice(endOf(i - 1), tokens[i]!.start));
  const continues = (i: number): boolean => i < n && tokens[i]!.joined && !gapBefore(i).includes('\n') && !isCovered(i);
  /** "Сан-Диего", "Эмилия-Романья": a hyphenated word the dictionary knows as a place or organisation. */
  const hyphenPlace = (i: number): boolean => {
    if (i + 1 >= n || tokens[i + 1]!.start - endOf(i) !== 1 || text[endOf(i)] !== '-') return false;
    if (PLACE_PREFIXES.has(norm(tokens[i]!.text)) || startsWithAny(norm(tokens[i + 1]!.text), PLACE_SUFFIXES, 4)) return true;
    const f = wordFacts(`${tokens[i]!.text}-${tokens[i + 1]!.text}`, `${tokens[i]!.key}-${tokens[i + 1]!.key}`);
    return Math.max(f.place, f.org) > Math.max(f.name, f.surname);
  };

  // Pass 1: near misses, then runs of name words (with initials and particles inside), scored with their context.
  const runs: Run[] = [];
  for (let i = 0; i < n; i++) {
    const t = tokens[i]!;
    if (!t.capital || done[i] !== 0) continue;
    if (isCovered(i)) continue;
    if (!t.initial && t.key.length >= 5 && !matcher.singleKeys.has(t.key)) {
      if (nearMiss(idx, t.key)) {
        out.push(finding(t.start, t.end, 'person', 0.45, 'names:near-miss', 'close to a register name'));
        done[i] = 1;
        continue;
      }
    }
    if (hyphenPlace(i)) {
      done[i] = done[i + 1] = 1;
      i++;
      continue;
    }
    let j = i;
    const words: number[] = [];
    let initials = 0;
    let particles = 0;
    let points = 0;
    let named = 0;
    let ordinaryOnly = true;
    let afterGiven = false;
    let latinUnknown = 0;
    const seedable: number[] = [];
    const reasons = new Set<string>();
    while (j < n && j - i < 6) {
      const u = tokens[j]!;
      if (j > i && !continues(j)) break;
      if (u.initial) {
        if (!isInitial(j)) break;
        initials++;
        j++;
        continue;
      }
      if (j > i && words.length > 0 && isParticle(j)) {
        particles++;
        j++;
        continue;
      }
      if (!u.capital) break;
      let e = evidenceAt(j);
      if (e.blocked && words.length === 0 && initialAt(j) && !factsAt(j).known && !factsAt(j).stop && j + 1 < n && tokens[j + 1]!.capital && continues(j + 1)) {
        // "Лионель Месси женился": an unknown word opening a sentence, followed by another capitalised word.
        // Not when the next word is a given name: "Кийин Айгүлдүн" is "later, Aigul's", not a full name.
        const mid = pointsOf(factsAt(j), false);
        const next = evidenceAt(j + 1);
        if (!mid.blocked && !next.blocked && !next.given) e = mid;
      }
      if (e.blocked && afterGiven) {
        // After a given name, a capitalised word is most likely the surname ("Юрий Царёв", "Алексей Навальный").
        const f = factsAt(j);
        // A place reading does not count against a surname ending ("Дмитрий Ливанов", "Егор Кашин").
        if (!f.stop && (Math.max(f.place, f.org) < 0.5 || f.shape > 0) && !f.allCaps) e = { ...pointsOf(f, false), points: f.shape > 0 ? 0.8 : 0.3, blocked: false, named: false, surname: true, ordinary: true };
      }
      if (e.blocked && words.length === 0 && initials > 0 && !factsAt(j).stop && !factsAt(j).allCaps) {
        // After initials a capitalised word is a surname whatever the dictionary says ("Дж.Коми", "А.Колчака").
        e = { points: 0.8, named: false, blocked: false, given: false, surname: true, patronymic: false, ordinary: false };
      }
      if (e.blocked) break;
      words.push(j);
      if (!e.named && !factsAt(j).cyrillic && !e.ordinary) {
        // Unknown Latin words add little ("Public Health England", "Magna Carta" in a Russian text).
        points += latinUnknown++ === 0 ? Math.min(3, e.points) : 0.1;
      } else points += Math.min(3, e.points);
      if (!e.ordinary || afterGiven) seedable.push(j);
      if (e.named) named++;
      if (!e.ordinary) ordinaryOnly = false;
      afterGiven = (e.given || e.patronymic) && e.named;
      if (e.given) reasons.add('a given name');
      if (e.surname) reasons.add('a surname');
      if (e.patronymic) reasons.add('a patronymic');
      j++;
    }
    if (words.length === 0) continue;
    const first = Math.min(i, words[0]!);
    let last = words[words.length - 1]!;
    const lastWord = last;
    // Trailing initials ("Маматов А."), a particle ("Бакыт уулу") and a regnal number ("Елизавета II") belong to the run.
    while (last + 1 < j && (isInitial(last + 1) || isParticle(last + 1))) last++;
    if (named > 0 && last + 1 < n && continues(last + 1) && ROMAN.test(tokens[last + 1]!.text)) last++;
    if (initials > 0 && !ordinaryOnly && (words[0]! > first || last > lastWord)) {
      points += 1.2;
      reasons.add('initials');
    }
    if (particles > 0) {
      points += 2;
      reasons.add('a patronymic particle');
    }
    if (named >= 2) points += 0.5;
    else if (words.length >= 2) points += 0.3;
    const cue = ordinaryOnly ? 1 : 2;
    // Context before: a kinship, role or title word, or a place or organisation word.
    if (first > 0) {
      const gap = gapBefore(first);
      if (cueGap(gap)) {
        const w = norm(tokens[first - 1]!.text);
        const roleOf = first > 1 && /^[ \t]+$/u.test(gapBefore(first - 1)) && isPersonCue(norm(tokens[first - 2]!.text));
        if (gap.trim() === '' && isPlaceCueBefore(w) && roleOf && !tokens[first - 1]!.capital) {
          // "директор компании Нурланбек Орозалиев", "сотрудник полиции Садыков": the role of an organisation.
          points += cue;
          reasons.add('after a family or role word');
        } else if (gap.trim() === '' && isStreetCue(w)) points -= 4;
        else if (gap.trim() === '' && isPlaceCueBefore(w)) points -= named > 0 ? 1.5 : 4;
        else if (isPersonCue(w)) {
          // A Turkic possessive ("Айгүлдүн апасы ...") names the possessor before it; what follows is less sure.
          points += isAfterCue(w) ? Math.min(1, cue) : cue;
          reasons.add('after a family or role word');
        } else if (gap.trim() === '' && SPEECH_AFTER.has(w)) {
          points += 1;
          reasons.add('after a verb of speech');
        }
      }
    }
    // Context after: a Turkic possessive kinship word ("Рустам агасы"), a street word, a verb of speech.
    if (last + 1 < n) {
      const after = tokens[last + 1]!;
      const gap = gapBefore(last + 1);
      if (!after.capital && gap.length > 0 && gap.length <= 2 && gap.trim() === '') {
        const w = norm(after.text);
        if (isPlaceAfter(w)) points -= 4;
        else if (isAfterCue(w)) {
          points += cue;
          reasons.add('before a family word');
        } else if (SPEECH_AFTER.has(w)) {
          points += 1;
          reasons.add('before a verb of speech');
        }
      }
    }
    // Inside quotation marks: a title or an organisation ("фонд «Адилет»"), not a person.
    if (/[«„“"]\s*$/u.test(gapBefore(first)) && /^\s*[»“”"]/u.test(text.slice(endOf(last), endOf(last) + 3))) points -= 1.5;
    for (let k = i; k <= last; k++) done[k] = 1;
    runs.push({ first, last, points, reasons, words, seedable, named: named > 0, cyrillic: factsAt(words[0]!).cyrillic });
    i = last;
  }

  // Pass 2: a run listed with a suggested one ("Луиса Суареса, Неймара и Жерара Пике"), or the same name in
  // another script in brackets just after one ("Брендт Кристенсен (Brendt Christensen)").
  const listed = (a: Run, b: Run): boolean => {
    if (a.cyrillic !== b.cyrillic) return false;
    const between = b.first - a.last - 1;
    if (between === 0) return /^\s*,\s*$/u.test(gapBefore(b.first));
    if (between !== 1) return false;
    const c = b.first - 1;
    return CONJUNCTIONS.has(tokens[c]!.text.toLowerCase()) && /^\s*,?\s*$/u.test(gapBefore(c)) && /^\s+$/u.test(gapBefore(b.first));
  };
  const bracketed = (a: Run, b: Run): boolean => b.first === a.last + 1 && /^\s*\(\s*$/u.test(gapBefore(b.first)) && text.slice(endOf(b.last)).trimStart().startsWith(')');
  for (let pass = 0; pass < 2; pass++) {
    for (let k = 0; k < runs.length; k++) {
      const r = runs[k]!;
      if (r.points >= EMIT || r.points < 0.3) continue;
      const prev = k > 0 ? runs[k - 1]! : null;
      const next = k + 1 < runs.length ? runs[k + 1]! : null;
      if ((prev !== null && prev.points >= EMIT + 0.5 && listed(prev, r)) || (next !== null && next.points >= EMIT + 0.5 && listed(r, next))) {
        r.points += 1.2;
        r.reasons.add('listed with other names');
      } else if (prev !== null && prev.points >= EMIT && bracketed(prev, r)) {
        r.points += 1.5;
        r.reasons.add('the name in another script');
      }
    }
  }

  // Pass 3: the same name elsewhere in this text ("Дональд Трамп" ... "Трампа", "Трамп" opening a sentence).
  const seeds = new Set<string>();
  for (const r of runs) {
    if (r.points < SEED || (!r.named && r.words.length < 2)) continue;
    // The last word of a well-evidenced full name may stand for the person later ("Лионель Месси" ... "Месси").
    const surname = r.words.length >= 2 && r.points >= SEED && !evidenceAt(r.words[0]!).ordinary ? [r.words[r.words.length - 1]!] : [];
    for (const k of [...r.seedable, ...surname]) {
      if (evidenceAt(k).points < 0.3 || tokens[k]!.key.length < 3) continue;
      seeds.add(tokens[k]!.key);
      if (factsAt(k).stem.length >= 3) seeds.add(factsAt(k).stem);
    }
  }
  const seeded = (k: number): boolean => seeds.has(tokens[k]!.key) || seeds.has(factsAt(k).stem);
  if (seeds.size > 0) {
    for (const r of runs) {
      if (r.points < EMIT && r.words.some(seeded)) {
        r.points += 2;
        r.reasons.add('the same name as another suggestion');
      }
    }
    for (let k = 0; k < n; k++) {
      const t = tokens[k]!;
      if (done[k] !== 0 || !t.capital || t.initial || t.key.length < 3 || !seeded(k) || isCovered(k)) continue;
      const f = factsAt(k);
      if (f.stop || Math.max(f.place, f.org) >= 0.5) continue;
      if (initialAt(k) && f.known && f.common >= 0.5 && Math.max(f.name, f.surname) === 0 && !seeds.has(t.key)) continue;
      runs.push({ first: k, last: k, points: 2, reasons: new Set(['the same name as another suggestion']), words: [k], seedable: [], named: false, cyrillic: f.cyrillic });
    }
  }
  for (const r of runs) {
    if (r.points < EMIT) continue;
    const why = r.reasons.size === 0 ? 'a capitalised word where a name may stand' : [...r.reasons].join(', ');
    out.push(finding(tokens[r.first]!.start, Math.min(text.length, endOf(r.last)), 'person', confidenceOf(r.points), 'names:unlisted', `a name not in the register (${why})`));
  }
  return out;
}

/**
 * Whether a capitalised word is most likely a given name (lexicon or dictionary, in any case form) and not a place,
 * an organisation or an ordinary word: used to tell a stranger's given name before a register surname
 * ("брат Рустам Каримов") so that the two are never merged into the register person.
 */
export function isGivenName(word: string): boolean {
  const f = wordFacts(word, wordKey(word));
  if (f.stop || f.place > 0.3 || f.org > 0.3) return false;
  return f.lexicon > 0 || (f.name >= 0.5 && f.common < 0.5);
}
