/** Tenants (or anything named) in the order an admin reads names: the popup, the overview and the navigation agree. */
export function byDisplayName(a: { displayName: string }, b: { displayName: string }): number {
  return a.displayName.localeCompare(b.displayName);
}
