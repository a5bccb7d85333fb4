// Labeling Measures Art. 6: which notice a platform shows for received content.
import type { AigcTier } from '../events.js';
import type { ImplicitLabel } from '../metadata/index.js';

/**
 * The notice tier: the implicit label decides first (Label "1" is, "2" may be, "3" suspected AI-generated);
 * without one, a user declaration gives "may be" (Art. 6(2)) and detected generation traces "suspected" (Art. 6(3)).
 */
export function aigcTier(label: Pick<ImplicitLabel, 'Label'> | null, declared = false, detected = false): AigcTier {
  if (label?.Label === '1') return 'is';
  if (label?.Label === '2') return 'may';
  if (label?.Label === '3') return 'suspected';
  if (declared) return 'may';
  if (detected) return 'suspected';
  return 'none';
}
