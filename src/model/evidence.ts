/** Where a fact or a finding comes from: a file and line, relative to the scanned root. */
export interface Evidence {
  /** Path relative to the scanned root, with forward slashes. */
  file: string;
  line: number;
  column?: number;
}
