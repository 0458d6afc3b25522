import { finding, trimEnd, type Recogniser } from './util';

/** GPS coordinates (decimal and degrees-minutes-seconds) and map links. */
const LAT_HEMI = '[NSСЮ]';
const LON_HEMI = '[EWВЗ]';
const DECIMAL = new RegExp(
  `(?<![\\p{L}\\p{N}.])[-+−]?\\d{1,2}\\.\\d{3,}\\s*°?\\s*${LAT_HEMI}?\\.?\\s*[,;/ ]\\s*[-+−]?\\d{1,3}\\.\\d{3,}\\s*°?\\s*${LON_HEMI}?(?![\\p{L}\\p{N}])`,
  'gu',
);
const DMS_ONE = `\\d{1,3}\\s*°\\s*\\d{1,2}\\s*['′’]\\s*(?:\\d{1,2}(?:[.,]\\d+)?\\s*(?:["″”]|'')\\s*)?`;
const DMS = new RegExp(`${DMS_ONE}${LAT_HEMI}?\\.?\\s*[,;]?\\s*${DMS_ONE}${LON_HEMI}?`, 'gu');
const LINKS =
  /(?:https?:\/\/)?(?:www\.)?(?:google\.[a-z.]+\/maps|maps\.google\.[a-z.]+|maps\.app\.goo\.gl|goo\.gl\/maps|yandex\.[a-z]+\/maps|2gis\.[a-z]+|openstreetmap\.org|osm\.org|maps\.apple\.com|wikimapia\.org)[^\s)>\]]*|geo:[-+]?\d+(?:\.\d+)?,[-+]?\d+(?:\.\d+)?(?:[;?][^\s]*)?/giu;

export const recogniseLocations: Recogniser = (text) => {
  const out = [];
  for (const m of text.matchAll(DECIMAL)) out.push(finding(m.index, m.index + m[0].length, 'location', 0.95, 'geo:decimal'));
  for (const m of text.matchAll(DMS)) out.push(finding(m.index, m.index + m[0].trimEnd().length, 'location', 0.95, 'geo:dms'));
  for (const m of text.matchAll(LINKS)) out.push(finding(m.index, trimEnd(text, m.index, m.index + m[0].length), 'location', 0.98, 'geo:link'));
  return out;
};
