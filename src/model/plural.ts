/** "1 patch", "2 patches", "0 files": a count with its noun in plain English. */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}
