// The policy <aq-prescreen> builds when the host sets none: the keyword matcher over the bundled
// sample library, or over a signed compiled library the host names (`library` + `library-key`),
// verified before use. In the element's first load (a measure is never loaded late); only the
// traditional→simplified table is a chunk of its own, loaded when traditional input first appears
// (screening that input waits for it). Thresholds are the active profile's (PrescreenPolicy reads getConfig()).
import { KeywordMatcher } from '../keywords/matcher.js';
import { type KeywordKey, loadKeywordLibrary } from '../keywords/signed.js';
import { PrescreenPolicy } from '../policy.js';
import { SAMPLE_LIBRARY } from './sample-library.js';

/** `<aq-prescreen classifier>`: the classifier the built policy adds (its files load only then). */
export interface BuiltClassifier {
  modelUrl: string | null;
  optional: boolean;
}

async function withClassifier(
  options: ConstructorParameters<typeof PrescreenPolicy>[0],
  c: BuiltClassifier | null,
): Promise<PrescreenPolicy> {
  if (!c) return new PrescreenPolicy(options);
  const { PrescreenClassifier } = await import('../classifier/classifier.js');
  const classifier = new PrescreenClassifier(c.modelUrl ? { modelUrl: new URL(c.modelUrl, document.baseURI) } : {});
  return new PrescreenPolicy({ ...options, classifier, classifierOptional: c.optional });
}

/** The default policy over the bundled sample library (word boundaries on for Latin terms). */
export async function samplePolicy(classifier: BuiltClassifier | null = null): Promise<PrescreenPolicy> {
  return withClassifier({ keywords: new KeywordMatcher(SAMPLE_LIBRARY, { latinWordBoundary: true }) }, classifier);
}

/** The default policy over a signed compiled library fetched from `url` and verified with `publicKey`. */
export async function libraryPolicy(
  url: string,
  publicKey: KeywordKey,
  classifier: BuiltClassifier | null = null,
): Promise<PrescreenPolicy> {
  const { matcher } = await loadKeywordLibrary(new URL(url, document.baseURI), { publicKey, init: { credentials: 'same-origin' } });
  return withClassifier({ keywords: matcher }, classifier);
}
