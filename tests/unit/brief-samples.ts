import type { Brief } from '../../src/shared/brief';

/** Every letter of Kyrgyz, Kazakh, Uzbek and Tajik Cyrillic beyond Russian's, small and capital. */
export const CENTRAL_ASIAN_LETTERS = 'ңөүәғқұһҳҷӣӯўҢӨҮӘҒҚҰҺҲҶӢӮЎ';

const quotes = {
  // Kyrgyz
  ky: 'Мени үч күн камашты. Телефонумду алып коюшту, үйгө чалганга уруксат беришкен жок. Өзүмдүн атымды айтсам да, эч ким уккан жок.',
  // Kazakh
  kk: 'Бәріміз қорқып, ұзақ уақыт үндемедік. Құжаттарымызды алып, жиһаз цехінің иесіне береміз деді. Әйелім ауырып қалды, ешкім көмектеспеді.',
  // Tajik
  tg: 'Ҳуҷҷатҳоямро гирифтанд ва ба ман чизе нагуфтанд. Ӯ гуфт, ки ман бояд пул диҳам, вагарна маро ба ватан мефиристанд. Забонам тоҷикӣ аст, тарҷумон набуд. Се рӯз интизор шудам.',
  // Uzbek
  uz: 'Ўғлим билан қўрқиб ўтирдик, ҳеч ким ёрдам бермади. Ғишт заводида уч ой ишладик, лекин пул тўлашмади.',
};

export const briefRu: Brief = {
  title: 'Задержания трудовых мигрантов в Бишкеке и Оше, март–май 2026 года',
  period: { from: '2026-03-01', to: '2026-05-31' },
  method: [
    'Справка основана на пяти интервью, проведённых исследователями лично и по телефону в марте–мае 2026 года. Все собеседники дали согласие на использование их показаний; цитаты приводятся только с отдельного согласия на цитирование.',
    'Цитаты даны на языке оригинала: кыргызском (Ң Ө Ү), казахском (Ә Ғ Қ Ұ Һ), таджикском (Ҳ Ҷ Ӣ Ӯ) и узбекском (Ў). Перевод на русский язык приведён в пересказе перед каждой цитатой.',
  ],
  incidents: [
    { type: 'Произвольное задержание', place: 'Бишкек', month: '2026-03', count: 3 },
    { type: 'Произвольное задержание', place: 'Бишкек', month: '2026-04', count: 2 },
    { type: 'Произвольное задержание', place: 'Ош', month: '2026-05', count: 1 },
    { type: 'Изъятие документов', place: 'Бишкек', month: '2026-03', count: 2 },
    { type: 'Изъятие документов', place: 'Өзгөн', month: '2026-04', count: 1 },
    { type: 'Вымогательство', place: 'Бишкек', month: '2026-04', count: 2 },
    { type: 'Отказ в переводчике', place: 'Ош', month: '2026-05', count: 1 },
    { type: 'Невыплата заработной платы', place: 'Қарағанды', month: '2026-05', count: 1 },
    { type: 'Угроза депортацией', place: '', month: '2026-05', count: 1 },
  ],
  sections: [
    {
      code: 'B-1',
      heading: 'Задержание на автовокзале и три дня без связи',
      details: ['март 2026', 'Бишкек', 'произвольное задержание, изъятие документов'],
      blocks: [
        {
          kind: 'paragraph',
          text: 'Собеседник, гражданин Кыргызстана из Өзгөнского района, был задержан сотрудниками полиции на Западном автовокзале вечером, когда возвращался с работы. Документов, оснований задержания ему не назвали. Телефон изъяли сразу, позвонить родственникам не позволили.',
        },
        {
          kind: 'paragraph',
          text: 'По его словам, он провёл три дня в помещении при отделе полиции, где находились ещё около десяти человек. Воду давали один раз в день. Протокол задержания ему не показывали, подписать ничего не предлагали. Отпустили без объяснений после того, как родственники нашли его через знакомых.',
        },
        { kind: 'quote', text: quotes.ky },
      ],
    },
    {
      code: 'B-2',
      heading: 'Изъятие документов работодателем и угрозы',
      details: ['апрель 2026', 'Бишкек', 'изъятие документов, вымогательство'],
      blocks: [
        {
          kind: 'paragraph',
          text: 'Собеседница из Казахстана вместе с мужем работала в цеху по производству мебели. Работодатель забрал паспорта «на регистрацию» и не вернул их. Когда семья попросила документы обратно, владелец цеха потребовал выплатить «долг за жильё», размер которого не был оговорён заранее.',
        },
        { kind: 'quote', text: quotes.kk },
        {
          kind: 'paragraph',
          text: 'Жалобу в полицию семья подавать не стала, опасаясь, что без документов их самих задержат. Через месяц паспорта вернули после вмешательства правозащитной организации.',
        },
      ],
    },
    {
      code: 'B-3',
      heading: 'Требование денег под угрозой депортации, без переводчика',
      details: ['май 2026', 'Ош', 'вымогательство, отказ в переводчике, угроза депортацией'],
      blocks: [
        {
          kind: 'paragraph',
          text: 'Гражданин Таджикистана (Ғафуровский район) был остановлен для проверки документов на рынке. Сотрудник миграционной службы заявил, что его регистрация недействительна, и потребовал заплатить на месте. Русским языком собеседник владеет слабо; переводчика ему не предоставили, а составленный протокол он подписал, не понимая содержания.',
        },
        { kind: 'quote', text: quotes.tg },
      ],
    },
    {
      code: 'B-4',
      heading: 'Невыплата заработной платы на кирпичном заводе',
      details: ['май 2026', 'Қарағанды', 'невыплата заработной платы'],
      blocks: [
        {
          kind: 'paragraph',
          text: 'Собеседник, гражданин Узбекистана, вместе с совершеннолетним сыном три месяца работал на кирпичном заводе. Расчёт обещали по окончании сезона, но в конце мая бригадир сообщил, что «денег нет», и предложил уехать. Письменного договора не было; устные договорённости подтверждают ещё двое работников.',
        },
        { kind: 'quote', text: quotes.uz },
        {
          kind: 'paragraph',
          text: 'Собеседник просил не указывать название завода и населённый пункт точнее, чем область: в посёлке все работники знают друг друга.',
        },
      ],
    },
    {
      code: 'B-5',
      heading: 'Повторное задержание после отказа платить',
      details: ['апрель 2026', 'Бишкек', 'произвольное задержание, вымогательство'],
      blocks: [
        {
          kind: 'paragraph',
          text: 'Собеседник описал два задержания с разницей в неделю. В первый раз его отпустили после того, как он заплатил сотруднику патрульной службы; во второй раз, когда он отказался платить, его доставили в отдел и продержали до утра. Оба раза задержание не оформлялось.',
        },
        {
          kind: 'paragraph',
          text: 'Собеседник считает, что его узнали по приметной одежде, и с тех пор избегает района рынка. Показания совпадают с рассказами в интервью B-1 и B-3 по описанию места содержания и порядка «проверки документов».',
        },
      ],
    },
  ],
};

export const briefEn: Brief = {
  title: 'Detention of migrant workers in Bishkek and Osh, March–May 2026',
  period: { from: '2026-03-01', to: '2026-05-31' },
  method: [
    'This brief draws on five interviews conducted in person and by telephone between March and May 2026. Every interviewee consented to the use of their account; quotations appear only where the interviewee also consented to being quoted.',
    'Quotations are given in the original language: Kyrgyz (Ң Ө Ү), Kazakh (Ә Ғ Қ Ұ Һ), Tajik (Ҳ Ҷ Ӣ Ӯ) and Uzbek (Ў). Each is preceded by a summary in English.',
  ],
  incidents: [
    { type: 'Arbitrary detention', place: 'Bishkek', month: '2026-03', count: 3 },
    { type: 'Arbitrary detention', place: 'Bishkek', month: '2026-04', count: 2 },
    { type: 'Arbitrary detention', place: 'Osh', month: '2026-05', count: 1 },
    { type: 'Confiscation of documents', place: 'Bishkek', month: '2026-03', count: 2 },
    { type: 'Confiscation of documents', place: 'Өзгөн (Uzgen)', month: '2026-04', count: 1 },
    { type: 'Extortion', place: 'Bishkek', month: '2026-04', count: 2 },
    { type: 'Denial of an interpreter', place: 'Osh', month: '2026-05', count: 1 },
    { type: 'Unpaid wages', place: 'Қарағанды (Karaganda)', month: '2026-05', count: 1 },
    { type: 'Threat of deportation', place: '', month: '2026-05', count: 1 },
  ],
  sections: [
    {
      code: 'B-1',
      heading: 'Detained at the bus station and held for three days without contact',
      details: ['March 2026', 'Bishkek', 'arbitrary detention, confiscation of documents'],
      blocks: [
        {
          kind: 'paragraph',
          text: 'The interviewee, a Kyrgyz citizen from the Uzgen district, was detained by police at the Western bus station one evening on his way back from work. He was given no reason for the detention. His phone was taken at once and he was not allowed to call his family.',
        },
        {
          kind: 'paragraph',
          text: 'He says he spent three days in a room at the police station with about ten other people. Water was given once a day. He was never shown a record of his detention or asked to sign anything, and was released without explanation after relatives found him through acquaintances.',
        },
        { kind: 'quote', text: quotes.ky },
      ],
    },
    {
      code: 'B-2',
      heading: 'Documents withheld by an employer, and threats',
      details: ['April 2026', 'Bishkek', 'confiscation of documents, extortion'],
      blocks: [
        {
          kind: 'paragraph',
          text: 'The interviewee, from Kazakhstan, worked with her husband in a furniture workshop. The employer took their passports "for registration" and did not return them. When the family asked for the documents back, the owner demanded payment of a "housing debt" that had never been agreed.',
        },
        { kind: 'quote', text: quotes.kk },
        {
          kind: 'paragraph',
          text: 'The family did not report this to the police, fearing that without documents they would be detained themselves. The passports were returned a month later after a human-rights organisation intervened.',
        },
      ],
    },
    {
      code: 'B-3',
      heading: 'Money demanded under threat of deportation, without an interpreter',
      details: ['May 2026', 'Osh', 'extortion, denial of an interpreter, threat of deportation'],
      blocks: [
        {
          kind: 'paragraph',
          text: 'A Tajik citizen (Ghafurov district, Ғафуров) was stopped for a document check at a market. A migration officer told him his registration was invalid and demanded payment on the spot. The interviewee speaks little Russian; he was given no interpreter and signed a record he did not understand.',
        },
        { kind: 'quote', text: quotes.tg },
      ],
    },
    {
      code: 'B-4',
      heading: 'Unpaid wages at a brick factory',
      details: ['May 2026', 'Karaganda region', 'unpaid wages'],
      blocks: [
        {
          kind: 'paragraph',
          text: 'The interviewee, an Uzbek citizen, worked for three months at a brick factory with his adult son. They were promised payment at the end of the season, but at the end of May the foreman said there was "no money" and told them to leave. There was no written contract; two other workers confirm the verbal agreement.',
        },
        { kind: 'quote', text: quotes.uz },
        {
          kind: 'paragraph',
          text: 'The interviewee asked that neither the factory nor any place more precise than the region be named: in the village all the workers know one another.',
        },
      ],
    },
    {
      code: 'B-5',
      heading: 'Detained again after refusing to pay',
      details: ['April 2026', 'Bishkek', 'arbitrary detention, extortion'],
      blocks: [
        {
          kind: 'paragraph',
          text: 'The interviewee described two detentions a week apart. The first time he was released after paying a patrol officer; the second time, when he refused to pay, he was taken to the station and held overnight. Neither detention was recorded.',
        },
        {
          kind: 'paragraph',
          text: 'He believes he was recognised by his distinctive clothing and has avoided the market area since. His account matches interviews B-1 and B-3 in its description of the place of detention and of the "document checks".',
        },
      ],
    },
  ],
};
