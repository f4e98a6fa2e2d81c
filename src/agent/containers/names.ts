/**
 * Random readable container names (docker style: `adjective_noun`). Pure given the index.
 *
 * @module
 */
const adjectives = [
  'brave',
  'calm',
  'eager',
  'fancy',
  'gentle',
  'happy',
  'jolly',
  'keen',
  'lucid',
  'merry',
  'nimble',
  'proud',
  'quiet',
  'rapid',
  'sharp',
  'swift',
  'tidy',
  'vivid',
  'witty',
  'zen',
];
const nouns = [
  'otter',
  'falcon',
  'lynx',
  'heron',
  'badger',
  'panda',
  'raven',
  'koala',
  'gecko',
  'bison',
  'crane',
  'dingo',
  'eagle',
  'ferret',
  'ibex',
  'jaguar',
  'lemur',
  'marten',
  'newt',
  'orca',
];

/** A random name; `attempt` > 0 adds a numeric suffix, so retries after a clash converge. */
export function randomName(attempt: number): string {
  const a = adjectives[Math.floor(Math.random() * adjectives.length)] ?? 'brave';
  const n = nouns[Math.floor(Math.random() * nouns.length)] ?? 'otter';
  return attempt === 0 ? `${a}_${n}` : `${a}_${n}${attempt}`;
}
