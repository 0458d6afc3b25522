import { finding, trimEnd, re, type Recogniser } from './util';

/**
 * GPS coordinates and map links:
 * - decimal degrees without any marker need three decimals each ("42.8746, 74.5698": fewer is a list of numbers);
 * - with a hemisphere (N/S/E/W, С/Ю/В/З, "с.ш."/"в.д." and the Kazakh, Uzbek, Kyrgyz and Tajik abbreviations,
 *   "северной широты"), a degree sign or a latitude/longitude label, two decimals are enough and a decimal comma is
 *   read too ("40.52N, 72.80E", "40.52° N 72.80° E", "40,52 с.ш., 72,80 в.д.", "N40.52 E72.80", "lat 40.52, lon 72.80");
 * - degrees-minutes(-seconds) ("42°52'28.6\"N 74°34'11.3\"E", "40°31′N 72°48′E");
 * - links to map services and geo: URIs.
 */

// Hemisphere words: Russian с.ш./ю.ш./в.д./з.д. and spelled out, Kazakh с.е./ш.б. (солтүстік ендік, шығыс бойлық),
// Kyrgyz т.к./ч.у. (түндүк кеңдик, чыгыш узундук), Uzbek sh.k./sh.u., Tajik а.ш./т.ш. (арзи шимолӣ, тӯли шарқӣ).
const LAT_WORD = '(?:[сю]\\.\\s?ш\\.?|северной\\s+широты|южной\\s+широты|с\\.\\s?е\\.|т\\.\\s?к\\.|sh\\.\\s?k\\.|а\\.\\s?ш\\.|[NSСЮ](?![\\p{L}]))';
const LON_WORD = '(?:[вз]\\.\\s?д\\.?|восточной\\s+долготы|западной\\s+долготы|ш\\.\\s?б\\.|ч\\.\\s?у\\.|sh\\.\\s?u\\.|т\\.\\s?ш\\.|[EWВЗ](?![\\p{L}]))';
const NUM = (int: number): string => `[-+−]?\\d{1,${int}}(?:[.,]\\d{1,8})?`;
const DEG = '\\s?°?\\s?';
/** Latitude and longitude with markers: hemisphere after or before, degree signs. */
const MARKED = re(
  `(?<![\\p{L}\\p{N}.,])(?:(?:${NUM(2)})${DEG}${LAT_WORD}\\s*[,;/]?\\s*(?:${NUM(3)})${DEG}${LON_WORD}|[NS]\\s?(?:${NUM(2)})°?\\s*[,;/]?\\s*[EW]\\s?(?:${NUM(3)})°?(?![\\p{L}\\p{N}])|(?:${NUM(2)})\\s?°\\s*[,;/]?\\s*(?:${NUM(3)})\\s?°)`,
  'gu',
);
/** Labelled: "lat 40.52, lon 72.80", "широта: 40.52, долгота: 72.80", "latitude 40.5212 longitude 72.8011". */
const LABELLED = re(
  `(?<![\\p{L}])(?:lat(?:itude)?|широта|ендік|кеңдик|kenglik|арз)\\s*[:=]?\\s*(${NUM(2)})\\s*°?\\s*[,;/]?\\s*(?:lon(?:g(?:itude)?)?|lng|долгота|бойлық|узундук|uzunlik|тӯл)\\s*[:=]?\\s*(${NUM(3)})°?`,
  'giu',
);
const DECIMAL = re(String.raw`(?<![\p{L}\p{N}.])[-+−]?\d{1,2}\.\d{3,}\s*°?\s*[,;/ ]\s*[-+−]?\d{1,3}\.\d{3,}\s*°?(?![\p{L}\p{N}])`, 'gu');
const DMS_ONE = `\\d{1,3}\\s*°\\s*\\d{1,2}(?:[.,]\\d+)?\\s*['′’]\\s*(?:\\d{1,2}(?:[.,]\\d+)?\\s*(?:["″”]|''|′′)\\s*)?`;
const DMS = re(`${DMS_ONE}(?:${LAT_WORD})?\\.?\\s*[,;]?\\s*${DMS_ONE}(?:${LON_WORD})?`, 'gu');
const LINKS =
  /(?:https?:\/\/)?(?:www\.)?(?:google\.[a-z.]+\/maps|maps\.google\.[a-z.]+|maps\.app\.goo\.gl|goo\.gl\/maps|yandex\.[a-z]+\/maps|2gis\.[a-z]+|openstreetmap\.org|osm\.org|maps\.apple\.com|wikimapia\.org)[^\s)>\]]*|geo:[-+]?\d+(?:\.\d+)?,[-+]?\d+(?:\.\d+)?(?:[;?][^\s]*)?/giu;

/** Whether two numbers can be a latitude and a longitude. */
function plausible(lat: string, lon: string): boolean {
  const a = Math.abs(Number(lat.replace(',', '.').replace('−', '-')));
  const b = Math.abs(Number(lon.replace(',', '.').replace('−', '-')));
  return a <= 90 && b <= 180;
}

export const recogniseLocations: Recogniser = (text) => {
  const out = [];
  for (const m of text.matchAll(DECIMAL)) out.push(finding(m.index, m.index + m[0].trimEnd().length, 'location', 0.95, 'geo:decimal'));
  for (const m of text.matchAll(MARKED)) {
    const nums = m[0].match(/\d+(?:[.,]\d+)?/g) ?? [];
    // A marker makes two decimals enough, but whole degrees alone ("40° N 72° E") name a region, not a place.
    if (nums.length < 2 || !nums.some((x) => /[.,]\d{2}/.test(x)) || !plausible(nums[0]!, nums[1]!)) continue;
    out.push(finding(m.index, trimEnd(text, m.index, m.index + m[0].trimEnd().length, ',;/'), 'location', 0.95, 'geo:marked'));
  }
  for (const m of text.matchAll(LABELLED)) {
    if (!/[.,]\d{2}/.test(m[1]!) || !plausible(m[1]!, m[2]!)) continue;
    const start = m.index + m[0].indexOf(m[1]!);
    out.push(finding(start, m.index + m[0].length, 'location', 0.95, 'geo:labelled'));
  }
  for (const m of text.matchAll(DMS)) out.push(finding(m.index, m.index + m[0].trimEnd().length, 'location', 0.95, 'geo:dms'));
  for (const m of text.matchAll(LINKS)) out.push(finding(m.index, trimEnd(text, m.index, m.index + m[0].length), 'location', 0.98, 'geo:link'));
  return out;
};
