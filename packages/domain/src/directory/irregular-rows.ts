/** How many irregular rows of each kind a file had, with the first line numbers of each. */
export type TIrregularSummary = Record<string, { count: number; lines: number[] }>;

const SAMPLE_LINES = 5;

export class IrregularRows {
  private readonly kinds = new Map<string, { count: number; lines: number[] }>();

  add(kind: string, lineNumber: number, count = 1): void {
    let entry = this.kinds.get(kind);
    if (!entry) {
      entry = { count: 0, lines: [] };
      this.kinds.set(kind, entry);
    }
    entry.count += count;
    if (lineNumber > 0 && entry.lines.length < SAMPLE_LINES) entry.lines.push(lineNumber);
  }

  count(kind: string): number {
    return this.kinds.get(kind)?.count ?? 0;
  }

  /** Rows that were irregular in some way (a row can be counted under several kinds). */
  get total(): number {
    let total = 0;
    for (const entry of this.kinds.values()) total += entry.count;
    return total;
  }

  toJSON(): TIrregularSummary {
    return Object.fromEntries(this.kinds);
  }
}
