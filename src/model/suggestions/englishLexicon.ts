import type { ActorType, SystemType } from '../format/annotationTypes';

// Closed lists of English, the language of news reports (suggestions are offered for English text):
// titles, the head nouns that name institutions and systems, reporting verbs. General words of the
// language, not names from any article.

/** Titles and ranks written before a name ("Colonel", "Dr.", "Prime Minister"): split off a person's name, kept as an alias with the surname. */
export const TITLES = new Set([
  'mr', 'mrs', 'ms', 'miss', 'dr', 'prof', 'professor', 'sir', 'dame', 'lord', 'lady',
  'president', 'vice', 'prime', 'deputy', 'acting', 'minister', 'premier', 'chancellor', 'secretary', 'ambassador', 'envoy', 'consul',
  'senator', 'sen', 'representative', 'rep', 'congressman', 'congresswoman', 'governor', 'gov', 'mayor', 'spokesman', 'spokeswoman', 'spokesperson',
  'judge', 'justice', 'king', 'queen', 'prince', 'princess', 'emir', 'sheikh', 'sultan', 'shah',
  'general', 'gen', 'colonel', 'col', 'lieutenant', 'lt', 'major', 'maj', 'captain', 'capt', 'commander', 'cmdr', 'admiral', 'adm', 'sergeant', 'sgt', 'brigadier', 'marshal',
  'pope', 'cardinal', 'bishop', 'archbishop', 'father', 'rabbi', 'imam', 'ayatollah', 'mullah', 'reverend', 'rev',
  'adviser', 'advisor', 'director', 'chairman', 'chairwoman', 'chair', 'chief', 'ceo', 'founder', 'head', 'leader',
]);

/** Words that open a phrase without being part of a name. */
export const DETERMINERS = new Set(['the', 'a', 'an', 'this', 'that', 'these', 'those', 'its', 'their', 'his', 'her', 'our', 'my', 'your', 'some', 'any', 'every', 'each', 'both', 'former', 'late', 'then', 'now']);

/** Words that join the parts of one name: "Ministry of Intelligence and Security", "Bank for International Settlements". */
export const NAME_CONNECTORS = new Set(['of', 'for', 'de', 'du', 'des', 'del', 'della', 'van', 'von', 'der', 'den', 'al', 'el', 'bin', 'ibn', 'da', 'do', 'dos', 'la', 'le', 'on']);

/** Abbreviations whose period does not end a sentence. */
export const ABBREVIATIONS = new Set(['mr', 'mrs', 'ms', 'dr', 'prof', 'sr', 'jr', 'st', 'col', 'gen', 'lt', 'maj', 'capt', 'cmdr', 'adm', 'sgt', 'sen', 'rep', 'gov', 'rev', 'vs', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'e.g', 'i.e', 'u.s', 'u.k', 'u.n', 'fig']);

/** Months and days: capitalised, never names of actors. */
export const CALENDAR_WORDS = new Set([
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday',
]);

/** What the last word of a name says it is. */
export type HeadMeaning = { kind: 'actor'; type: ActorType } | { kind: 'system'; type: SystemType };

const actor = (type: ActorType): HeadMeaning => ({ kind: 'actor', type });
const system = (type: SystemType): HeadMeaning => ({ kind: 'system', type });

/** Head nouns of institutions and systems, lower-case, singular and plural. */
export const HEAD_NOUNS = new Map<string, HeadMeaning>([
  ...['government', 'governments', 'regime', 'administration', 'cabinet', 'dynasty', 'monarchy', 'parliament', 'senate', 'congress', 'presidency', 'authorities', 'authority', 'state', 'kingdom', 'republic'].map((word) => [word, actor('government')] as const),
  ...['ministry', 'ministries', 'embassy', 'embassies', 'consulate', 'department', 'agency', 'agencies', 'council', 'office', 'commission', 'police', 'service', 'services', 'intelligence', 'bureau', 'directorate', 'inspectorate', 'court', 'prosecutor', 'prosecutors'].map((word) => [word, actor('agency')] as const),
  ...['army', 'armies', 'navy', 'forces', 'force', 'corps', 'battalion', 'brigade', 'regiment', 'division', 'military', 'guard', 'guards', 'command'].map((word) => [word, actor('military')] as const),
  ...['party', 'parties', 'university', 'institute', 'foundation', 'organization', 'organisation', 'nations', 'association', 'committee', 'union', 'federation', 'centre', 'center', 'society', 'school', 'church'].map((word) => [word, actor('organization')] as const),
  ...['alliance', 'coalition', 'pact', 'bloc', 'treaty'].map((word) => [word, actor('alliance')] as const),
  ...['group', 'groups', 'hackers', 'gang', 'gangs', 'movement', 'front', 'militia', 'militias', 'rebels', 'opposition'].map((word) => [word, actor('group')] as const),
  ...['inc', 'corp', 'corporation', 'company', 'ltd', 'llc', 'plc', 'gmbh', 'ag', 'bank', 'airlines'].map((word) => [word, actor('company')] as const),
  ...['news', 'times', 'post', 'press', 'radio', 'television', 'tv', 'broadcaster', 'newspaper', 'magazine', 'journal', 'tribune', 'gazette', 'herald', 'wire'].map((word) => [word, actor('media')] as const),
  ...['system', 'systems', 'platform'].map((word) => [word, system('software')] as const),
  ...['database', 'databases', 'registry', 'register'].map((word) => [word, system('database')] as const),
  ...['portal', 'portals'].map((word) => [word, system('portal')] as const),
  ...['server', 'servers'].map((word) => [word, system('server')] as const),
  ...['network', 'networks'].map((word) => [word, system('network')] as const),
  ...['website', 'websites', 'site', 'app', 'application'].map((word) => [word, system('website')] as const),
  ...['software', 'malware', 'ransomware', 'wiper'].map((word) => [word, system('software')] as const),
  ...['grid', 'pipeline', 'infrastructure', 'airport', 'port', 'plant'].map((word) => [word, system('infrastructure')] as const),
]);

/** Lower-case heads that follow a capitalised word to name an institution ("the Albanian government", "Iranian hacker groups"): the institutional heads, without the words that are names' own ends. */
export const LOWER_CASE_HEADS = new Set([
  'government', 'governments', 'regime', 'administration', 'cabinet', 'dynasty', 'monarchy', 'parliament', 'authorities', 'presidency',
  'ministry', 'embassy', 'consulate', 'police', 'intelligence', 'army', 'navy', 'military', 'forces', 'opposition',
  'group', 'groups', 'hackers', 'militia', 'militias', 'rebels',
]);

/** Words allowed between a capitalised word and its lower-case head ("Iranian hacking groups", "Albanian police force"). */
export const HEAD_MODIFIERS = new Set(['hacking', 'hacker', 'state', 'security', 'foreign', 'interior', 'defence', 'defense', 'armed', 'special', 'secret', 'intelligence', 'military', 'police', 'opposition', 'cyber', 'rebel', 'militant', 'terrorist', 'federal', 'national', 'regional', 'local', 'central']);

/** Heads that make "X of Y" another name of Y: "the Islamic Republic of Iran", "the Kingdom of Spain". */
export const STATE_FORMS = new Set(['republic', 'kingdom', 'federation', 'state', 'states', 'emirate', 'emirates', 'commonwealth', 'principality', 'sultanate', 'confederation']);

/** How a reporting verb answers what was said before it. */
export type VerbStance = 'disputes' | 'supports' | undefined;

/** Reporting verbs, by their base form, with the stance those that answer take. */
const REPORTING_VERBS: ReadonlyArray<[string, VerbStance]> = [
  ['say', undefined], ['tell', undefined], ['claim', undefined], ['state', undefined], ['add', undefined], ['note', undefined], ['explain', undefined],
  ['argue', undefined], ['insist', undefined], ['stress', undefined], ['warn', undefined], ['allege', undefined], ['accuse', undefined], ['blame', undefined],
  ['assert', undefined], ['maintain', undefined], ['suggest', undefined], ['report', undefined], ['announce', undefined], ['declare', undefined],
  ['reveal', undefined], ['write', undefined], ['tweet', undefined], ['post', undefined], ['predict', undefined], ['promise', undefined], ['vow', undefined],
  ['threaten', undefined], ['urge', undefined], ['attribute', undefined], ['describe', undefined], ['conclude', undefined], ['find', undefined],
  ['believe', undefined], ['think', undefined], ['consider', undefined], ['suspect', undefined], ['estimate', undefined], ['fear', undefined],
  ['condemn', undefined], ['denounce', undefined], ['criticize', undefined], ['criticise', undefined], ['reassure', undefined], ['acknowledge', undefined],
  ['admit', undefined], ['concede', undefined], ['emphasize', undefined], ['emphasise', undefined], ['point', undefined], ['call', undefined], ['demand', undefined],
  ['deny', 'disputes'], ['dismiss', 'disputes'], ['reject', 'disputes'], ['refute', 'disputes'], ['dispute', 'disputes'], ['rebut', 'disputes'],
  ['counter', 'disputes'], ['contradict', 'disputes'], ['rebuff', 'disputes'], ['disagree', 'disputes'], ['challenge', 'disputes'], ['question', 'disputes'],
  ['confirm', 'supports'], ['agree', 'supports'], ['corroborate', 'supports'], ['endorse', 'supports'], ['echo', 'supports'],
];

/** Past forms that do not follow the rules. */
const IRREGULAR_PAST: Record<string, string[]> = { say: ['said'], tell: ['told'], write: ['wrote', 'written'], find: ['found'], think: ['thought'], admit: ['admitted'], rebut: ['rebutted'], rebuff: ['rebuffed'] };

/** The forms of a regular English verb: base, third person, past, gerund. */
function formsOf(base: string): string[] {
  const forms = new Set([base]);
  const consonantY = /[^aeiou]y$/.test(base);
  forms.add(consonantY ? `${base.slice(0, -1)}ies` : /(s|sh|ch|x|z|o)$/.test(base) ? `${base}es` : `${base}s`);
  for (const past of IRREGULAR_PAST[base] ?? [consonantY ? `${base.slice(0, -1)}ied` : base.endsWith('e') ? `${base}d` : `${base}ed`]) forms.add(past);
  forms.add(base.endsWith('e') && !base.endsWith('ee') ? `${base.slice(0, -1)}ing` : IRREGULAR_PAST[base]?.[0]?.endsWith('tted') ? `${base}ting` : `${base}ing`);
  return [...forms];
}

/** Verbs whose base form is more often a noun ("a claim", "the report"): only their other forms report. */
const NOUN_LIKE = new Set(['claim', 'note', 'report', 'post', 'call', 'fear', 'promise', 'vow', 'estimate', 'point', 'demand', 'counter', 'echo', 'challenge', 'question', 'dispute', 'stress', 'tweet', 'state', 'back', 'find']);

/** Every form of every reporting verb, lower-case, with its base and stance. */
export const REPORTING_VERB_FORMS: ReadonlyMap<string, { base: string; stance: VerbStance }> = new Map(
  REPORTING_VERBS.flatMap(([base, stance]) => formsOf(base).filter((form) => form !== base || !NOUN_LIKE.has(base)).map((form) => [form, { base, stance }] as const)),
);

/** Phrases that attribute what follows: "according to", "in a statement". */
export const ATTRIBUTION_PHRASES = ['according to', 'in a statement', 'in an interview', 'is confident that', 'are confident that', 'was confident that', 'is convinced that', 'it is widely thought', 'it is widely believed', 'from my point of view', 'in his view', 'in her view', 'in their view'];

/** Words before a verb's form that make it a noun ("these claims", "the report"). */
export const NOUN_MARKERS = new Set(['the', 'a', 'an', 'these', 'those', 'this', 'that', 'his', 'her', 'its', 'their', 'our', 'such', 'no', 'any', 'some', 'of']);

/** Attributing phrases that name no one: "it is widely thought". */
export const IMPERSONAL_PHRASES = new Set(['it is widely thought', 'it is widely believed']);

/** Pronouns that stand for the last person or actor named. */
export const SUBJECT_PRONOUNS = new Set(['he', 'she', 'they', 'it', 'we', 'i']);

/** The commonest words of English prose: about a third of any English text, a few hundredths of another language's. */
export const FUNCTION_WORDS = new Set(['the', 'of', 'and', 'to', 'in', 'a', 'is', 'that', 'for', 'on', 'with', 'was', 'as', 'by', 'it', 'at', 'from', 'he', 'she', 'they', 'be', 'are', 'were', 'has', 'had', 'have', 'this', 'which', 'not', 'or', 'an', 'said', 'but', 'its', 'their', 'his', 'her', 'been', 'who', 'will', 'would']);
