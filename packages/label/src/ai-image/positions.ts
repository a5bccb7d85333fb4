/** Edges and corners a visual label may sit on (GB 45438-2025 §5.2: an edge or a corner). */
export const VISUAL_POSITIONS = ['bottom-right', 'bottom-left', 'top-right', 'top-left', 'top', 'bottom'] as const;
export type VisualPosition = (typeof VISUAL_POSITIONS)[number];
