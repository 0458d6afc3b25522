/**
 * Deterministic synthetic vault content for the bench: field-research interviews (English, Russian and mixed
 * notes, about 4 KB each) and a register of people with names in Latin and Cyrillic script. Everything comes
 * from a seeded PRNG, so two runs build byte-for-byte the same plaintext (ids, nonces and timestamps differ).
 */
import type { InterviewFields, PersonFields, ContactKind, PersonRole, ConsentMethod, InterviewFormat } from '../src/shared/domain';

// ---------------------------------------------------------------------------------------------------------
// PRNG

/** sfc32 seeded through splitmix32: fast, good enough statistically, fully deterministic. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    let s = seed >>> 0;
    const next = (): number => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    for (let i = 0; i < 12; i++) this.float();
  }

  /** Uniform in [0, 1). */
  float(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t / 4294967296;
  }

  int(lo: number, hi: number): number {
    return lo + Math.floor(this.float() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.float() * list.length)]!;
  }

  /** Zipf-like pick: early entries are much more frequent than late ones (natural word frequencies). */
  zipf<T>(list: readonly T[], s = 1.1): T {
    const u = this.float();
    const i = Math.floor(list.length * Math.pow(u, 1 + s * 1.5));
    return list[Math.min(i, list.length - 1)]!;
  }

  sample<T>(list: readonly T[], n: number): T[] {
    const copy = [...list];
    const out: T[] = [];
    while (out.length < n && copy.length) out.push(copy.splice(Math.floor(this.float() * copy.length), 1)[0]!);
    return out;
  }

  digits(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += String(this.int(0, 9));
    return s;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Names. [latin, cyrillic] pairs; surnames carry their female form where the language inflects them.

type Pair = readonly [string, string];
type Ethnicity = 'kyrgyz' | 'uzbek' | 'tajik' | 'kazakh';

interface NameBank {
  readonly male: readonly Pair[];
  readonly female: readonly Pair[];
  /** [latin, cyrillic, inflects]: inflecting surnames take -a / -а in the female form. */
  readonly family: readonly (readonly [string, string, boolean])[];
  readonly country: string;
  readonly nationality: string;
}

const BANKS: Record<Ethnicity, NameBank> = {
  kyrgyz: {
    country: 'Kyrgyzstan',
    nationality: 'Kyrgyz',
    male: [
      ['Aibek', 'Айбек'], ['Nurlan', 'Нурлан'], ['Bakyt', 'Бакыт'], ['Azamat', 'Азамат'], ['Kanat', 'Канат'],
      ['Talant', 'Талант'], ['Ulan', 'Улан'], ['Chyngyz', 'Чыңгыз'], ['Omurbek', 'Өмүрбек'], ['Usen', 'Үсөн'],
      ['Tologon', 'Төлөгөн'], ['Almazbek', 'Алмазбек'], ['Kubanychbek', 'Кубанычбек'], ['Emil', 'Эмиль'],
      ['Bektur', 'Бектур'], ['Temirlan', 'Темирлан'], ['Askat', 'Аскат'], ['Ermek', 'Эрмек'], ['Nurbek', 'Нурбек'],
      ['Zhenishbek', 'Женишбек'], ['Sadyr', 'Садыр'], ['Kylychbek', 'Кылычбек'], ['Melis', 'Мелис'], ['Adilet', 'Адилет'],
    ],
    female: [
      ['Aizada', 'Айзада'], ['Cholpon', 'Чолпон'], ['Gulnara', 'Гульнара'], ['Meerim', 'Мээрим'], ['Asel', 'Асель'],
      ['Elmira', 'Эльмира'], ['Bermet', 'Бермет'], ['Jyldyz', 'Жылдыз'], ['Aigul', 'Айгүл'], ['Nazira', 'Назира'],
      ['Bubusara', 'Бүбүсара'], ['Kanykei', 'Каныкей'], ['Aizhan', 'Айжан'], ['Begimai', 'Бегимай'], ['Nurzhan', 'Нуржан'],
      ['Aidai', 'Айдай'], ['Zhyparkul', 'Жыпаркүл'], ['Altynai', 'Алтынай'], ['Saltanat', 'Салтанат'], ['Tolgonai', 'Толгонай'],
    ],
    family: [
      ['Sadyrov', 'Садыров', true], ['Toktogulov', 'Токтогулов', true], ['Asanov', 'Асанов', true],
      ['Abdyldaev', 'Абдылдаев', true], ['Mamytov', 'Мамытов', true], ['Osmonaliev', 'Осмоналиев', true],
      ['Sultanaliev', 'Султаналиев', true], ['Jeenbekov', 'Жээнбеков', true], ['Omurbekov', 'Өмүрбеков', true],
      ['Duishenbiev', 'Дүйшөнбиев', true], ['Kadyrkulov', 'Кадыркулов', true], ['Alymkulov', 'Алымкулов', true],
      ['Usubaliev', 'Усубалиев', true], ['Beishenaliev', 'Бейшеналиев', true], ['Tashiev', 'Ташиев', true],
      ['Chotonov', 'Чотонов', true], ['Isakov', 'Исаков', true], ['Zhaparov', 'Жапаров', true],
      ['Turdukulov', 'Турдукулов', true], ['Kurmanbekov', 'Курманбеков', true], ['Moldokanov', 'Молдоканов', true],
    ],
  },
  uzbek: {
    country: 'Uzbekistan',
    nationality: 'Uzbek',
    male: [
      ['Dilshod', 'Дилшод'], ['Otabek', 'Отабек'], ['Sherzod', 'Шерзод'], ['Jahongir', 'Жаҳонгир'], ['Rustam', 'Рустам'],
      ['Ulugbek', 'Улуғбек'], ['Bekzod', 'Бекзод'], ['Akmal', 'Акмал'], ['Utkir', 'Ўткир'], ['Gayrat', 'Ғайрат'],
      ['Sardor', 'Сардор'], ['Farrukh', 'Фаррух'], ['Jasur', 'Жасур'], ['Nodir', 'Нодир'], ['Bahodir', 'Баҳодир'],
      ['Azizbek', 'Азизбек'], ['Shukhrat', 'Шуҳрат'], ['Komil', 'Комил'], ['Islom', 'Ислом'], ['Mirzo', 'Мирзо'],
    ],
    female: [
      ['Dilnoza', 'Дилноза'], ['Gulnora', 'Гулнора'], ['Mahliyo', 'Маҳлиё'], ['Shahnoza', 'Шаҳноза'], ['Nodira', 'Нодира'],
      ['Feruza', 'Феруза'], ['Kamola', 'Камола'], ['Malika', 'Малика'], ['Zulfiya', 'Зулфия'], ['Nigora', 'Нигора'],
      ['Sevara', 'Севара'], ['Umida', 'Умида'], ['Gulchehra', 'Гулчеҳра'], ['Dildora', 'Дилдора'], ['Oygul', 'Ойгул'],
    ],
    family: [
      ['Karimov', 'Каримов', true], ['Yusupov', 'Юсупов', true], ['Rahimov', 'Раҳимов', true], ['Tursunov', 'Турсунов', true],
      ['Abdullayev', 'Абдуллаев', true], ['Mirzayev', 'Мирзаев', true], ['Kholmatov', 'Ҳолматов', true],
      ['Qodirov', 'Қодиров', true], ['Ergashev', 'Эргашев', true], ['Nazarov', 'Назаров', true], ['Usmonov', 'Усмонов', true],
      ['Tojiboyev', 'Тожибоев', true], ['Saidaliyev', 'Саидалиев', true], ['Khodjayev', 'Хўжаев', true],
      ['Ismoilov', 'Исмоилов', true], ['Jurayev', 'Жўраев', true], ['Sobirov', 'Собиров', true], ['Gafurov', 'Ғафуров', true],
    ],
  },
  tajik: {
    country: 'Tajikistan',
    nationality: 'Tajik',
    male: [
      ['Firuz', 'Фируз'], ['Farhod', 'Фарҳод'], ['Davlat', 'Давлат'], ['Bahrom', 'Баҳром'], ['Sino', 'Сино'],
      ['Khurshed', 'Хуршед'], ['Jamshed', 'Ҷамшед'], ['Hasan', 'Ҳасан'], ['Umed', 'Умед'], ['Parviz', 'Парвиз'],
      ['Suhrob', 'Суҳроб'], ['Manuchehr', 'Манучеҳр'], ['Zafar', 'Зафар'], ['Mahmadali', 'Маҳмадалӣ'], ['Rustam', 'Рустам'],
      ['Shodmon', 'Шодмон'], ['Nurullo', 'Нурулло'], ['Iskandar', 'Искандар'],
    ],
    female: [
      ['Manizha', 'Манижа'], ['Zarina', 'Зарина'], ['Nilufar', 'Нилуфар'], ['Parvina', 'Парвина'], ['Tahmina', 'Таҳмина'],
      ['Mehrangez', 'Меҳрангез'], ['Shahlo', 'Шаҳло'], ['Firuza', 'Фируза'], ['Gulru', 'Гулрӯ'], ['Sitora', 'Ситора'],
      ['Madina', 'Мадина'], ['Dilafruz', 'Дилафрӯз'], ['Farangis', 'Фарангис'], ['Zebo', 'Зебо'],
    ],
    family: [
      ['Rahmonov', 'Раҳмонов', true], ['Saidov', 'Саидов', true], ['Sharipov', 'Шарипов', true], ['Qurbonov', 'Қурбонов', true],
      ['Davlatov', 'Давлатов', true], ['Mirzoev', 'Мирзоев', true], ['Khudoiberdiev', 'Худойбердиев', true],
      ['Nazarov', 'Назаров', true], ['Safarov', 'Сафаров', true], ['Odinaev', 'Одинаев', true], ['Boboev', 'Бобоев', true],
      ['Ghafurov', 'Ғафуров', true], ['Sattorov', 'Сатторов', true], ['Jumaev', 'Ҷумаев', true], ['Hakimov', 'Ҳакимов', true],
      ['Abdulloev', 'Абдуллоев', true], ['Kholov', 'Холов', true],
    ],
  },
  kazakh: {
    country: 'Kazakhstan',
    nationality: 'Kazakh',
    male: [
      ['Nursultan', 'Нұрсұлтан'], ['Yerlan', 'Ерлан'], ['Daniyar', 'Данияр'], ['Askar', 'Асқар'], ['Bauyrzhan', 'Бауыржан'],
      ['Yerzhan', 'Ержан'], ['Galym', 'Ғалым'], ['Kairat', 'Қайрат'], ['Nurlan', 'Нұрлан'], ['Serik', 'Серік'],
      ['Marat', 'Марат'], ['Arman', 'Арман'], ['Yerbol', 'Ербол'], ['Zhandos', 'Жандос'], ['Olzhas', 'Олжас'],
      ['Timur', 'Тимур'], ['Dauren', 'Дәурен'], ['Aidos', 'Айдос'],
    ],
    female: [
      ['Aigerim', 'Айгерім'], ['Dana', 'Дана'], ['Aliya', 'Әлия'], ['Zhanna', 'Жанна'], ['Madina', 'Мадина'],
      ['Saule', 'Сәуле'], ['Gaukhar', 'Гаухар'], ['Ulzhan', 'Ұлжан'], ['Aruzhan', 'Аружан'], ['Dinara', 'Динара'],
      ['Botagoz', 'Ботагөз'], ['Akmaral', 'Ақмарал'], ['Assel', 'Әсел'], ['Kamila', 'Камила'],
    ],
    family: [
      ['Nurpeisov', 'Нұрпейісов', true], ['Zhaksybekov', 'Жақсыбеков', true], ['Abenov', 'Әбенов', true],
      ['Seitkali', 'Сейітқали', false], ['Iskakov', 'Ысқақов', true], ['Utepov', 'Өтепов', true], ['Kassymov', 'Қасымов', true],
      ['Tulegenov', 'Төлегенов', true], ['Bekmukhambetov', 'Бекмұхамбетов', true], ['Omarov', 'Омаров', true],
      ['Sarsenbayev', 'Сарсенбаев', true], ['Zhumabayev', 'Жұмабаев', true], ['Baimukhanov', 'Баймұханов', true],
      ['Kenzhebekov', 'Кенжебеков', true], ['Yessenov', 'Есенов', true], ['Akhmetov', 'Ахметов', true],
    ],
  },
};

const ETHNICITIES = Object.keys(BANKS) as Ethnicity[];

// ---------------------------------------------------------------------------------------------------------
// Places: [latin, cyrillic] cities with districts, and the country's phone prefixes.

interface City {
  readonly name: Pair;
  readonly districts: readonly string[];
}

const CITIES: Record<Ethnicity, readonly City[]> = {
  kyrgyz: [
    { name: ['Bishkek', 'Бишкек'], districts: ['Leninsky', 'Oktyabrsky', 'Pervomaisky', 'Sverdlovsky', 'Alamedin-1', 'Dzhal', 'Vostok-5'] },
    { name: ['Osh', 'Ош'], districts: ['Cheremushki', 'Kara-Suu road', 'Amir-Timur', 'Furkat', 'Turan'] },
    { name: ['Jalal-Abad', 'Жалал-Абад'], districts: ['Sputnik', 'Kokart', 'Bazar-Korgon road'] },
    { name: ['Karakol', 'Каракол'], districts: ['Central', 'Ak-Bulun'] },
    { name: ['Naryn', 'Нарын'], districts: ['Central', 'Ming-Bulak'] },
    { name: ['Batken', 'Баткен'], districts: ['Central', 'Kara-Bak', 'Aksai'] },
    { name: ['Uzgen', 'Өзгөн'], districts: ['Central'] },
    { name: ['Talas', 'Талас'], districts: ['Central'] },
    { name: ['Tokmok', 'Токмок'], districts: ['Central'] },
  ],
  uzbek: [
    { name: ['Tashkent', 'Ташкент'], districts: ['Chilanzar', 'Yunusabad', 'Mirzo-Ulugbek', 'Sergeli', 'Yakkasaray', 'Shaykhantakhur'] },
    { name: ['Andijan', 'Андижан'], districts: ['Bogishamol', 'Central', 'Boburshox'] },
    { name: ['Namangan', 'Наманган'], districts: ['Davlatobod', 'Central'] },
    { name: ['Fergana', 'Фергана'], districts: ['Central', 'Kirgili'] },
    { name: ['Samarkand', 'Самарканд'], districts: ['Registan', 'Siab', 'Central'] },
    { name: ['Bukhara', 'Бухара'], districts: ['Old town', 'Central'] },
    { name: ['Nukus', 'Нукус'], districts: ['Central'] },
    { name: ['Karshi', 'Карши'], districts: ['Central'] },
  ],
  tajik: [
    { name: ['Dushanbe', 'Душанбе'], districts: ['Sino', 'Firdavsi', 'Ismoili Somoni', 'Shohmansur'] },
    { name: ['Khujand', 'Хуҷанд'], districts: ['Panjshanbe', 'Central'] },
    { name: ['Khorog', 'Хоруғ'], districts: ['Central', 'Tem'] },
    { name: ['Kulob', 'Кӯлоб'], districts: ['Central'] },
    { name: ['Bokhtar', 'Бохтар'], districts: ['Central'] },
    { name: ['Isfara', 'Исфара'], districts: ['Central', 'Vorukh'] },
    { name: ['Panjakent', 'Панҷакент'], districts: ['Central'] },
  ],
  kazakh: [
    { name: ['Almaty', 'Алматы'], districts: ['Almaly', 'Bostandyk', 'Auezov', 'Alatau', 'Turksib', 'Medeu'] },
    { name: ['Astana', 'Астана'], districts: ['Yesil', 'Saryarka', 'Almaty district'] },
    { name: ['Shymkent', 'Шымкент'], districts: ['Abay', 'Al-Farabi', 'Karatau'] },
    { name: ['Karaganda', 'Қарағанды'], districts: ['Kazybek bi', 'Oktyabrsky'] },
    { name: ['Zhanaozen', 'Жаңаөзен'], districts: ['Central', 'Tenge'] },
    { name: ['Taraz', 'Тараз'], districts: ['Central'] },
    { name: ['Aktobe', 'Ақтөбе'], districts: ['Central'] },
    { name: ['Uralsk', 'Уральск'], districts: ['Central'] },
  ],
};

const PHONE_FORMATS: Record<Ethnicity, readonly ((r: Rng) => string)[]> = {
  kyrgyz: [
    (r) => `+996 ${r.pick(['555', '700', '707', '770', '772', '550', '502'])} ${r.digits(3)} ${r.digits(3)}`,
    (r) => `0${r.pick(['555', '700', '707', '770', '550'])}${r.digits(6)}`,
  ],
  uzbek: [
    (r) => `+998 ${r.pick(['90', '91', '93', '94', '97', '99', '33'])} ${r.digits(3)}-${r.digits(2)}-${r.digits(2)}`,
    (r) => `+998${r.pick(['90', '93', '97'])}${r.digits(7)}`,
  ],
  tajik: [
    (r) => `+992 ${r.pick(['93', '92', '90', '98', '88', '55'])} ${r.digits(3)} ${r.digits(4)}`,
    (r) => `8 ${r.pick(['93', '92', '90'])} ${r.digits(7)}`,
  ],
  kazakh: [
    (r) => `+7 ${r.pick(['701', '702', '705', '707', '747', '777', '775'])} ${r.digits(3)} ${r.digits(2)} ${r.digits(2)}`,
    (r) => `8${r.pick(['701', '707', '777'])}${r.digits(7)}`,
  ],
};

// ---------------------------------------------------------------------------------------------------------
// Field-notes vocabulary

const AGENCIES_EN = [
  'police', 'district police', 'GKNB', 'SNB', 'GKNB officers', 'traffic police', 'migration service', 'prosecutor\'s office',
  'border guards', 'special forces', 'local administration', 'anti-extremism unit', 'investigators', 'customs officers',
];
const AGENCIES_RU = [
  'сотрудники милиции', 'участковый', 'сотрудники ГКНБ', 'сотрудники СНБ', 'работники прокуратуры', 'пограничники',
  'сотрудники миграционной службы', 'спецназ', 'оперативники', 'следователь', 'сотрудники ГАИ', 'сотрудники ОВД',
];
const INCIDENTS_EN = [
  'arbitrary detention', 'torture', 'ill-treatment', 'extortion', 'forced eviction', 'enforced disappearance',
  'surveillance', 'threats', 'beating', 'confiscation of passport', 'deportation', 'denial of counsel', 'forced confession',
  'house search', 'dismissal from work', 'harassment of relatives', 'online harassment', 'denial of medical care',
];
const INCIDENTS_RU = [
  'незаконное задержание', 'пытки', 'жестокое обращение', 'вымогательство', 'принудительное выселение',
  'насильственное исчезновение', 'слежка', 'угрозы', 'избиение', 'изъятие паспорта', 'депортация', 'отказ в адвокате',
  'принуждение к признанию', 'обыск', 'увольнение', 'давление на родственников', 'травля в интернете', 'отказ в медпомощи',
];
const TAGS = [
  'detention', 'torture', 'women', 'minors', 'labour-migrants', 'journalists', 'lawyers', 'religion', 'land', 'border',
  'elections', 'protest', 'disability', 'lgbt', 'ethnic', 'follow-up', 'urgent', 'medical', 'corroborated', 'needs-translation',
  'court', 'prison', 'pretrial', 'extradition', 'family-separation', 'domestic-violence', 'bride-kidnapping', 'housing',
];
const LANGS = ['ru', 'ky', 'uz', 'tg', 'kk', 'en'];
const INTERVIEWERS = [
  'A. Tokonova', 'M. Petrova', 'J. Smith', 'D. Yusupova', 'S. Rahimi', 'K. Abenova', 'L. Martin', 'Н. Иманалиева', 'Т. Ким',
  'E. Novak', 'R. Hasanov', 'B. Omurzakova',
];

// Common English field-notes words, most frequent first (zipf picks favour the head).
const EN_FILLER = (
  'the said that he she was were they had been told us on in at to of and from with after before during by their his her ' +
  'family officers station detained released questioned brother father mother son daughter husband wife neighbours lawyer ' +
  'court judge case hearing statement signed documents passport phone money pay paid demanded threatened beaten kept night ' +
  'morning evening days weeks hours car van building room cell basement office market bazaar school hospital clinic doctor ' +
  'injuries bruises head arms legs ribs photos medical report complaint filed prosecutor refused accepted appeal witness ' +
  'witnesses saw heard remembers afraid fear safety relocation shelter support organisation partner follow interview consent ' +
  'recorded notes translation interpreter language village town district region border crossing checkpoint work job migrant ' +
  'migrants Russia Moscow remittance debt loan land house home destroyed eviction compensation documents registration ' +
  'residence permit citizenship stateless children school teacher student mosque imam prayer religious extremist literature ' +
  'charge charges article criminal code sentence years months fine bail custody pretrial investigator interrogation ' +
  'confession forced electric shocks suffocation bag plastic water cold hunger sleep deprivation insults ethnic slurs ' +
  'journalist article blog post Telegram WhatsApp channel deleted account phone seized laptop searched warrant without ' +
  'permission protest rally square demonstration crowd dispersed rubber batons tear gas shots fired killed wounded missing ' +
  'disappeared body morgue funeral burial relatives neighbours community elders mahalla aksakal council local head akim ' +
  'governor official bribe corruption contract business shop seized property confiscated cattle pasture water dispute ' +
  'clashes violence June 2010 January 2022 events anniversary memory trauma nightmares counselling psychologist support ' +
  'group referral urgent priority corroborated consistent detailed credible inconsistent unclear redact pseudonym code'
).split(/\s+/);

const RU_FILLER = (
  'и в на что он она они его её их был была были было сказал сказала рассказал рассказала по словам после до во время ' +
  'сотрудники милиции задержали задержан задержана отпустили допросили брат отец мать сын дочь муж жена соседи адвокат ' +
  'суд судья дело заседание заявление подписал подписала документы паспорт телефон деньги заплатить требовали угрожали ' +
  'избили держали ночью утром вечером дней недель часов машина микроавтобус здание комната камера подвал кабинет рынок базар ' +
  'школа больница поликлиника врач травмы синяки голова руки ноги рёбра фотографии медицинская справка жалоба подали ' +
  'прокурор отказал приняли апелляция свидетель свидетели видел слышал помнит боится страх безопасность переезд убежище ' +
  'поддержка организация партнёры интервью согласие запись заметки перевод переводчик язык село город район область граница ' +
  'пропускной пункт работа мигрант мигранты Россия Москва переводы долг кредит земля дом разрушен выселение компенсация ' +
  'прописка вид на жительство гражданство без гражданства дети учитель студент мечеть имам молитва религиозная литература ' +
  'экстремистская обвинение статья уголовный кодекс приговор лет месяцев штраф залог под стражей следователь допрос ' +
  'признание принудили током пакет удушение вода холод голод бессонница оскорбления этнические журналист публикация пост ' +
  'канал удалил аккаунт изъяли ноутбук обыск без ордера разрешения митинг площадь демонстрация толпа разогнали дубинки ' +
  'слезоточивый газ стреляли убит ранен пропал пропавший тело морг похороны родственники община старейшины махалля аксакал ' +
  'акимат глава айыл окмоту взятка коррупция бизнес магазин имущество конфисковали скот пастбище вода конфликт столкновения ' +
  'насилие события годовщина травма кошмары психолог группа направление срочно подтверждено последовательно подробно ' +
  'достоверно противоречиво неясно'
).split(/\s+/);

const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const MONTHS_RU = ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'];
const STREETS: readonly Pair[] = [
  ['Toktogul', 'Токтогула'], ['Chui', 'Чуй'], ['Manas', 'Манаса'], ['Lenin', 'Ленина'], ['Navoi', 'Навои'], ['Amir Temur', 'Амира Темура'],
  ['Rudaki', 'Рудаки'], ['Abay', 'Абая'], ['Kurmanjan Datka', 'Курманжан Датки'], ['Mustaqillik', 'Мустакиллик'], ['Somoni', 'Сомони'],
  ['Tole bi', 'Толе би'], ['Zhibek Zholy', 'Жибек Жолы'], ['Frunze', 'Фрунзе'], ['Gorky', 'Горького'],
];

// ---------------------------------------------------------------------------------------------------------
// People

export interface GeneratedName {
  readonly ethnicity: Ethnicity;
  readonly female: boolean;
  readonly given: Pair;
  readonly family: Pair;
  readonly patronymic: Pair;
}

function makeName(r: Rng): GeneratedName {
  const ethnicity = r.pick(ETHNICITIES);
  const bank = BANKS[ethnicity];
  const female = r.chance(0.5);
  const given = female ? r.pick(bank.female) : r.pick(bank.male);
  const [fl, fc, inflects] = r.pick(bank.family);
  const family: Pair = female && inflects ? [`${fl}a`, `${fc}а`] : [fl, fc];
  const father = r.pick(bank.male);
  let patronymic: Pair;
  const style = r.float();
  if (ethnicity === 'kyrgyz' && style < 0.4) patronymic = female ? [`${father[0]} kyzy`, `${father[1]} кызы`] : [`${father[0]} uulu`, `${father[1]} уулу`];
  else if (ethnicity === 'uzbek' && style < 0.4) patronymic = female ? [`${father[0]} qizi`, `${father[1]} қизи`] : [`${father[0]} o'g'li`, `${father[1]} ўғли`];
  else if (style < 0.85) patronymic = female ? [`${father[0]}ovna`, `${father[1]}овна`] : [`${father[0]}ovich`, `${father[1]}ович`];
  else patronymic = ['', ''];
  return { ethnicity, female, given, family, patronymic };
}

/** Spelling variants people and documents actually use: y/i, kh/h, j/zh, dropped soft signs. */
function variants(latin: string): string[] {
  const out = new Set<string>();
  if (/y/i.test(latin)) out.add(latin.replace(/y/g, 'i'));
  if (/kh/i.test(latin)) out.add(latin.replace(/kh/g, 'h'));
  if (/^J/.test(latin)) out.add(latin.replace(/^J/, 'Zh'));
  if (/ov$/.test(latin)) out.add(latin.replace(/ov$/, 'off'));
  if (/ev$/.test(latin)) out.add(latin.replace(/ev$/, 'yev'));
  out.delete(latin);
  return [...out];
}

function phoneFor(r: Rng, e: Ethnicity): string {
  return r.pick(PHONE_FORMATS[e])(r);
}

function isoDate(r: Rng, fromYear: number, toYear: number): string {
  return `${r.int(fromYear, toYear)}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`;
}

export function generatePerson(r: Rng, n: number): PersonFields & { readonly _name: GeneratedName } {
  const name = makeName(r);
  const city = r.pick(CITIES[name.ethnicity]);
  const contacts: { kind: ContactKind; value: string }[] = [{ kind: 'phone', value: phoneFor(r, name.ethnicity) }];
  if (r.chance(0.5)) contacts.push({ kind: r.pick(['telegram', 'signal'] as const), value: `@${name.given[0].toLowerCase()}_${r.digits(r.int(2, 4))}` });
  if (r.chance(0.3)) contacts.push({ kind: 'whatsapp', value: phoneFor(r, name.ethnicity) });
  if (r.chance(0.25)) contacts.push({ kind: 'email', value: `${name.given[0].toLowerCase()}.${name.family[0].toLowerCase()}${r.int(1, 99)}@${r.pick(['gmail.com', 'mail.ru', 'yandex.ru', 'proton.me'])}` });
  if (r.chance(0.1)) contacts.push({ kind: 'other', value: `via relative, ${phoneFor(r, name.ethnicity)}` });
  const role = r.pick(['witness', 'victim', 'victim', 'witness', 'defender', 'official', 'other'] as const satisfies readonly PersonRole[]);
  const method = r.pick(['oral', 'written', 'recorded'] as const satisfies readonly ConsentMethod[]);
  const risk = r.chance(0.6)
    ? r.pick([
        `Lives near the ${r.pick(AGENCIES_EN)} building; do not call after 20:00.`,
        `Relatives in ${r.pick(CITIES[name.ethnicity]).name[0]} were questioned after the first interview.`,
        `Просила не звонить с незнакомых номеров, связь только через ${r.pick(['Signal', 'Telegram', 'сестру', 'адвоката'])}.`,
        `Под наблюдением ${r.pick(AGENCIES_RU)} с ${r.int(2015, 2024)} года; встречи только в ${r.pick(CITIES[name.ethnicity]).name[1]}.`,
        `High risk: case ${r.int(1, 99)}-${r.digits(4)}/${r.int(2018, 2024)} is still open; use pseudonym in all reports.`,
        `Travels to Russia for seasonal work; reachable only ${r.pick(['in winter', 'on weekends', 'via WhatsApp'])}.`,
      ])
    : '';
  const birth = r.chance(0.7) ? isoDate(r, 1955, 2006) : '';
  return {
    _name: name,
    pseudonym: r.chance(0.8) ? `${r.pick(['Witness', 'Source', 'Respondent', 'Свидетель', 'Респондент'])} ${String.fromCharCode(65 + (n % 26))}-${n}` : '',
    given: { latin: name.given[0], cyrillic: name.given[1] },
    family: { latin: name.family[0], cyrillic: name.family[1] },
    patronymic: { latin: name.patronymic[0], cyrillic: name.patronymic[1] },
    otherSpellings: [...variants(name.given[0]), ...variants(name.family[0])].slice(0, 3),
    contacts,
    birthDate: birth,
    age: birth ? '' : String(r.int(18, 75)),
    gender: name.female ? 'female' : 'male',
    nationality: r.chance(0.9) ? BANKS[name.ethnicity].nationality : BANKS[r.pick(ETHNICITIES)].nationality,
    ethnicity: BANKS[name.ethnicity].nationality,
    location: `${city.name[0]}, ${r.pick(city.districts)}`,
    role,
    consent: {
      givenOn: isoDate(r, 2019, 2025),
      method,
      allowsQuote: r.chance(0.7),
      allowsName: r.chance(0.15),
      allowsAudio: r.chance(0.4),
      shareWith: r.sample(['Partner A', 'Partner B', 'UN SR', 'Legal clinic'], r.int(0, 2)),
      withdrawnOn: r.chance(0.03) ? isoDate(r, 2023, 2025) : '',
    },
    riskNotes: risk,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Interviews

type Lang = 'en' | 'ru';

interface Ctx {
  readonly r: Rng;
  readonly e: Ethnicity;
  readonly city: City;
  readonly subject: GeneratedName;
  readonly others: readonly GeneratedName[];
  readonly year: number;
}

function fullName(n: GeneratedName, lang: Lang): string {
  return lang === 'en' ? `${n.given[0]} ${n.family[0]}` : `${n.given[1]} ${n.family[1]}`;
}

function anyName(c: Ctx, lang: Lang): string {
  const r = c.r;
  const n = r.chance(0.5) ? c.subject : r.pick(c.others.length ? c.others : [c.subject]);
  const roll = r.float();
  if (roll < 0.4) return fullName(n, lang);
  if (roll < 0.7) return lang === 'en' ? n.given[0] : n.given[1];
  if (roll < 0.85) return lang === 'en' ? n.family[0] : n.family[1];
  // Mixed script: Russian text quoting a Latin spelling, or English notes keeping the Cyrillic original.
  return lang === 'en' ? `${n.given[0]} (${n.given[1]} ${n.family[1]})` : `${n.family[1]} (${n.family[0]})`;
}

function dateText(c: Ctx, lang: Lang): string {
  const r = c.r;
  const d = r.int(1, 28);
  const m = r.int(0, 11);
  return lang === 'en' ? `${d} ${MONTHS_EN[m]} ${c.year}` : `${d} ${MONTHS_RU[m]} ${c.year} г.`;
}

function place(c: Ctx, lang: Lang): string {
  const r = c.r;
  const roll = r.float();
  if (roll < 0.5) return lang === 'en' ? c.city.name[0] : c.city.name[1];
  if (roll < 0.75) return lang === 'en' ? `${r.pick(c.city.districts)} district of ${c.city.name[0]}` : `${c.city.name[1]}, ${r.pick(c.city.districts)}`;
  const s = r.pick(STREETS);
  return lang === 'en' ? `${s[0]} street ${r.int(1, 250)}, ${c.city.name[0]}` : `ул. ${s[1]} ${r.int(1, 250)}, кв. ${r.int(1, 120)}`;
}

function filler(c: Ctx, lang: Lang, n: number): string {
  const words: string[] = [];
  const list = lang === 'en' ? EN_FILLER : RU_FILLER;
  for (let i = 0; i < n; i++) words.push(c.r.zipf(list));
  return words.join(' ');
}

const EN_SENTENCES: readonly ((c: Ctx) => string)[] = [
  (c) => `On ${dateText(c, 'en')} ${anyName(c, 'en')} was detained by ${c.r.pick(AGENCIES_EN)} near ${place(c, 'en')}.`,
  (c) => `${anyName(c, 'en')} said the officers demanded ${c.r.int(2, 50) * 1000} ${c.r.pick(['som', 'sum', 'somoni', 'tenge', 'roubles', 'USD'])} for his release.`,
  (c) => `The respondent described ${c.r.pick(INCIDENTS_EN)} at the ${c.r.pick(['district station', 'temporary detention facility', 'SIZO', 'GKNB building', 'checkpoint'])} in ${place(c, 'en')}.`,
  (c) => `According to ${anyName(c, 'en')}, ${filler(c, 'en', c.r.int(8, 18))}.`,
  (c) => `${c.r.pick(['Her', 'His', 'Their'])} ${c.r.pick(['brother', 'son', 'husband', 'cousin', 'neighbour'])} ${anyName(c, 'en')} can be reached at ${phoneFor(c.r, c.e)}.`,
  (c) => `Case no. ${c.r.int(1, 99)}-${c.r.digits(4)}/${c.year} was opened under article ${c.r.int(100, 399)} of the Criminal Code.`,
  (c) => `We met at ${place(c, 'en')}; the interview lasted about ${c.r.int(40, 180)} minutes and was ${c.r.pick(['recorded with consent', 'not recorded', 'interpreted from Kyrgyz', 'interpreted from Uzbek', 'interpreted from Tajik', 'partly in Kazakh'])}.`,
  (c) => `${filler(c, 'en', c.r.int(10, 22))}.`,
  (c) => `A vehicle with plates ${c.r.pick(['01KG', '02KG', '01', '10', 'B'])} ${c.r.digits(3)} ${String.fromCharCode(65 + c.r.int(0, 25), 65 + c.r.int(0, 25), 65 + c.r.int(0, 25))} was seen outside ${place(c, 'en')}.`,
  (c) => `Medical certificate no. ${c.r.digits(5)} from the ${c.city.name[0]} ${c.r.pick(['city hospital', 'forensic bureau', 'clinic no. ' + c.r.int(1, 12)])} records ${c.r.pick(['bruises on both arms', 'a broken rib', 'a concussion', 'burns on the wrists', 'no visible injuries'])}.`,
];

const RU_SENTENCES: readonly ((c: Ctx) => string)[] = [
  (c) => `${dateText(c, 'ru')} ${anyName(c, 'ru')} задержали ${c.r.pick(AGENCIES_RU)} возле ${place(c, 'ru')}.`,
  (c) => `По словам ${anyName(c, 'ru')}, ${filler(c, 'ru', c.r.int(8, 18))}.`,
  (c) => `«${filler(c, 'ru', c.r.int(6, 14))}», — рассказала ${anyName(c, 'ru')}.`,
  (c) => `Респондент описал(а) ${c.r.pick(INCIDENTS_RU)} в ${c.r.pick(['РОВД', 'ИВС', 'СИЗО', 'здании ГКНБ', 'отделе милиции'])} (${place(c, 'ru')}).`,
  (c) => `Контакт родственника: ${anyName(c, 'ru')}, тел. ${phoneFor(c.r, c.e)}.`,
  (c) => `Возбуждено уголовное дело № ${c.r.int(1, 99)}-${c.r.digits(4)}/${c.year} по статье ${c.r.int(100, 399)} УК.`,
  (c) => `${filler(c, 'ru', c.r.int(10, 22))}.`,
  (c) => `Требовали ${c.r.int(2, 50) * 1000} ${c.r.pick(['сомов', 'сумов', 'сомони', 'тенге', 'рублей', 'долларов'])} за освобождение.`,
  (c) => `Справка судмедэксперта № ${c.r.digits(5)}: ${c.r.pick(['ушибы мягких тканей', 'перелом ребра', 'сотрясение мозга', 'ожоги запястий', 'видимых повреждений нет'])}.`,
];

function paragraph(c: Ctx, lang: Lang, sentences: number): string {
  const bank = lang === 'en' ? EN_SENTENCES : RU_SENTENCES;
  const out: string[] = [];
  for (let i = 0; i < sentences; i++) out.push(c.r.pick(bank)(c));
  return out.join(' ');
}

function utf8(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

/** Markdown body of about `targetBytes` UTF-8 bytes: English notes, Russian notes, or English with Russian quotes. */
function body(c: Ctx, targetBytes: number): string {
  const r = c.r;
  const mode = r.float();
  const lang = (): Lang => (mode < 0.4 ? 'en' : mode < 0.7 ? 'ru' : r.chance(0.65) ? 'en' : 'ru');
  const headings = mode >= 0.4 && mode < 0.7 ? ['## Предыстория', '## Рассказ', '## Последствия', '## Дальнейшие шаги'] : ['## Background', '## Account', '## Aftermath', '## Follow-up'];
  const parts: string[] = [];
  let size = 0;
  let h = 0;
  while (size < targetBytes) {
    if (h < headings.length && (parts.length === 0 || r.chance(0.3))) {
      parts.push(headings[h++]!);
    }
    const l = lang();
    let p = paragraph(c, l, r.int(2, 5));
    if (l === 'en' && r.chance(0.25)) p += ` In Russian: «${filler(c, 'ru', r.int(5, 12))}».`;
    if (r.chance(0.1)) p = `> ${p}`;
    parts.push(p);
    size += utf8(p) + 2;
  }
  let text = parts.join('\n\n');
  // Trim to the target on a word boundary so bodies stay close to the requested size.
  while (utf8(text) > targetBytes + 40) text = text.slice(0, text.lastIndexOf(' ', text.length - 20));
  return text;
}

export function generateInterview(r: Rng, peopleNames: readonly GeneratedName[], peopleIds: readonly string[]): InterviewFields {
  const idx = r.sample(
    Array.from({ length: 6 }, () => r.int(0, peopleIds.length - 1)),
    r.int(1, 3),
  );
  const names = idx.map((i) => peopleNames[i]!);
  const subject = names[0]!;
  const e = subject.ethnicity;
  const city = r.pick(CITIES[e]);
  const year = r.int(2010, 2025);
  const c: Ctx = { r, e, city, subject, others: names.slice(1), year };
  const incidents = r.sample(INCIDENTS_EN, r.int(1, 3));
  const ru = r.chance(0.35);
  const ruIncident = r.pick(INCIDENTS_RU);
  const title = ru
    ? `${ruIncident[0]!.toUpperCase()}${ruIncident.slice(1)}: ${city.name[1]}, ${year}`
    : `${incidents[0]![0]!.toUpperCase()}${incidents[0]!.slice(1)} in ${city.name[0]}, ${r.pick(MONTHS_EN)} ${year}`;
  const summaryLang: Lang = ru ? 'ru' : 'en';
  const summary = paragraph(c, summaryLang, r.int(2, 3));
  const bodyText = body(c, 4000 - utf8(summary));
  return {
    title,
    date: `${year}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`,
    place: { country: BANKS[e].country, city: city.name[0], district: r.pick(city.districts) },
    languages: r.sample(LANGS, r.int(1, 3)),
    interviewer: r.pick(INTERVIEWERS),
    format: r.pick(['in-person', 'in-person', 'remote', 'phone'] as const satisfies readonly InterviewFormat[]),
    incidentTypes: incidents,
    tags: r.sample(TAGS, r.int(1, 5)),
    body: bodyText,
    summary,
    status: r.chance(0.6) ? 'reviewed' : 'draft',
    people: idx.map((i) => peopleIds[i]!),
  };
}

/** A small edit of an interview as a person would make it: a sentence appended or a word changed. */
export function editBody(r: Rng, text: string, n: number): string {
  if (r.chance(0.5)) return `${text}\n\nUpdate ${n}: ${filler({ r } as Ctx, r.chance(0.5) ? 'en' : 'ru', r.int(6, 14))}.`;
  const at = r.int(0, Math.max(0, text.length - 200));
  const cut = text.indexOf(' ', at);
  return cut < 0 ? `${text} edited` : `${text.slice(0, cut)} ${r.zipf(EN_FILLER)}${text.slice(cut)}`;
}

// ---------------------------------------------------------------------------------------------------------
// Queries

export type QueryKind =
  | 'common word'
  | 'rare word'
  | 'prefix'
  | 'short prefix (2 chars)'
  | 'two words'
  | 'name (Latin)'
  | 'name (Cyrillic)'
  | 'place'
  | 'phone'
  | 'no match';

export interface BenchQuery {
  readonly kind: QueryKind;
  readonly q: string;
}

/** 240 varied queries drawn from the same vocabulary and people as the vault. */
export function generateQueries(r: Rng, people: readonly (PersonFields & { _name: GeneratedName })[]): BenchQuery[] {
  const out: BenchQuery[] = [];
  const add = (kind: QueryKind, n: number, f: () => string): void => {
    for (let i = 0; i < n; i++) out.push({ kind, q: f() });
  };
  const person = (): PersonFields & { _name: GeneratedName } => r.pick(people);
  add('common word', 40, () =>
    r.pick([
      ...EN_FILLER.slice(40, 120),
      ...RU_FILLER.slice(20, 110),
      'police', 'detained', 'torture', 'задержали', 'милиции', 'пытки', 'passport', 'паспорт', 'Bishkek', 'Ош',
    ]),
  );
  add('rare word', 30, () => {
    const roll = r.float();
    if (roll < 0.3) return r.pick(EN_FILLER.slice(-60));
    if (roll < 0.55) return r.pick(RU_FILLER.slice(-50));
    if (roll < 0.75) return `${r.int(1, 99)}-${r.digits(4)}`;
    if (roll < 0.9) return r.pick(['судмедэксперта', 'suffocation', 'stateless', 'extradition', 'Manuchehr', 'Хоруғ', 'Zhanaozen', 'Vorukh']);
    return `@${person()._name.given[0].toLowerCase()}_${r.digits(2)}`;
  });
  add('prefix', 30, () => {
    const w = r.pick([
      'detain', 'interrog', 'confess', 'threat', 'extort', 'deport', 'relocat', 'witness', 'hospit', 'prosecut',
      'задерж', 'избил', 'допрос', 'угрож', 'депорт', 'свидетел', 'прокур', 'родствен', 'выселен', 'гражданств',
      'Sultan', 'Султан', 'Rahm', 'Раҳм', 'Qurb', 'Курб', 'Nurp', 'Нұрп', 'Tokto', 'Токто', 'Jeenb', 'Жээнб', 'Jaho', 'Жаҳо',
    ]);
    return w.slice(0, r.int(Math.min(4, w.length), w.length));
  });
  add('short prefix (2 chars)', 10, () => r.pick(['de', 'po', 'ka', 'sa', 'ra', 'за', 'по', 'ка', 'са', 'ну', 'Ai', 'Ай']));
  add('two words', 40, () => {
    const p = person();
    const roll = r.float();
    if (roll < 0.3) return `${p.given.latin} ${p.family.latin}`;
    if (roll < 0.5) return `${p.given.cyrillic} ${p.family.cyrillic}`;
    if (roll < 0.65) return `${r.pick(['detained', 'torture', 'beaten', 'passport', 'extortion', 'eviction'])} ${r.pick(CITIES[p._name.ethnicity]).name[0]}`;
    if (roll < 0.8) return `${r.pick(['задержали', 'пытки', 'избили', 'паспорт', 'вымогательство', 'выселение'])} ${r.pick(CITIES[p._name.ethnicity]).name[1]}`;
    return `${r.zipf(EN_FILLER)} ${r.zipf(EN_FILLER.slice(50))}`;
  });
  add('name (Latin)', 25, () => {
    const p = person();
    const roll = r.float();
    if (roll < 0.4) return p.family.latin;
    if (roll < 0.6) return p.given.latin;
    if (roll < 0.8) return p.family.latin.toUpperCase();
    return p.otherSpellings[0] ?? p.family.latin.toLowerCase();
  });
  add('name (Cyrillic)', 25, () => {
    const p = person();
    const roll = r.float();
    if (roll < 0.45) return p.family.cyrillic;
    if (roll < 0.7) return p.given.cyrillic;
    if (roll < 0.85) return p.family.cyrillic.toLowerCase();
    return `${p.given.cyrillic} ${p.family.cyrillic} ${p.patronymic.cyrillic}`.trim();
  });
  add('place', 15, () => {
    const c = r.pick(CITIES[r.pick(ETHNICITIES)]);
    return r.chance(0.5) ? c.name[0] : r.chance(0.5) ? c.name[1] : `${c.name[0]} ${r.pick(c.districts)}`;
  });
  add('phone', 10, () => {
    const ph = r.pick(person().contacts.filter((x) => x.kind === 'phone')).value;
    return r.chance(0.5) ? ph : ph.slice(0, Math.max(6, ph.length - 4));
  });
  add('no match', 15, () => r.pick(['xylophone', 'квазар', 'Zanzibar', 'Фудзияма', 'blockchain', 'photosynthesis', 'Шпицберген', 'qwertz', 'nonexistentname', 'Гренландия']));
  // Shuffle so kinds interleave (the JIT and caches see a realistic mix).
  for (let i = out.length - 1; i > 0; i--) {
    const j = r.int(0, i);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

export type GeneratedPerson = PersonFields & { readonly _name: GeneratedName };

/** The register of people; the same seed always yields the same people (the children regenerate it for queries). */
export function generatePeople(seed: number, count: number): GeneratedPerson[] {
  const r = new Rng(seed);
  return Array.from({ length: count }, (_, i) => generatePerson(r, i + 1));
}

/** Strips the generator's bookkeeping before the record goes into the vault. */
export function personFields(p: GeneratedPerson): PersonFields {
  const { _name: _ignored, ...fields } = p;
  return fields;
}
