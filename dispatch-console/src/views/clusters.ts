import type { IncidentStatus } from '../api/types';

/**
 * How a cluster of incident markers is coloured: like NEW when at least half of its incidents are
 * NEW (work waiting there), neutral otherwise. Its icon always writes the count.
 */
export type ClusterTone = 'new' | 'mixed';

export function clusterTone(statuses: Iterable<IncidentStatus | undefined>): ClusterTone {
  let total = 0;
  let fresh = 0;
  for (const status of statuses) {
    total++;
    if (status === 'NEW') fresh++;
  }
  return total > 0 && fresh * 2 >= total ? 'new' : 'mixed';
}

/** Cluster icon size (px) by how many incidents it holds: bigger clusters are bigger circles. */
export function clusterSize(count: number): number {
  if (count < 10) return 40;
  if (count < 100) return 48;
  if (count < 1000) return 56;
  return 66;
}

/**
 * Above this many incidents, markers far outside the view are taken out of the page (Leaflet's
 * clustering option), so a flood stays smooth; below it every unclustered marker stays drawn.
 */
export const CULL_OFFSCREEN_ABOVE = 1_000;
