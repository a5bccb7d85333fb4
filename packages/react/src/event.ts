import type { AnquanEventMap } from '@anquan/core/events';
// Every package's events, merged into AnquanEventMap (types only: nothing is registered).
import type {} from 'anquan';

/** The event type an `onAq…` handler receives for the Anquan event `K`. */
export type AnquanEvent<K extends keyof AnquanEventMap> = CustomEvent<AnquanEventMap[K]>;
