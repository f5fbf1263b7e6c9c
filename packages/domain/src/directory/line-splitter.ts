/**
 * Cuts decoded text into lines across chunk boundaries: LF or CRLF, a leading BOM dropped, and
 * a line longer than `maxLineLength` dropped (counted) rather than buffered without bound.
 */
export class LineSplitter {
  private rest = "";
  private isFirstChunk = true;
  private isDiscarding = false;
  /** Lines dropped for being too long. */
  tooLong = 0;

  constructor(private readonly maxLineLength: number) {}

  /** Complete lines of this chunk (without line ends); the unfinished last one is kept. */
  push(chunk: string): string[] {
    let text = chunk;
    if (this.isFirstChunk) {
      this.isFirstChunk = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    const lines: string[] = [];
    let start = 0;
    let end = text.indexOf("\n");
    while (end !== -1) {
      let line = start === 0 ? this.rest + text.slice(0, end) : text.slice(start, end);
      if (start === 0) this.rest = "";
      if (this.isDiscarding) {
        this.isDiscarding = false;
      } else if (line.length > this.maxLineLength) {
        this.tooLong++;
      } else {
        if (line.endsWith("\r")) line = line.slice(0, -1);
        lines.push(line);
      }
      start = end + 1;
      end = text.indexOf("\n", start);
    }
    const tail = start === 0 ? this.rest + text : text.slice(start);
    if (this.isDiscarding) {
      this.rest = "";
    } else if (tail.length > this.maxLineLength) {
      this.tooLong++;
      this.isDiscarding = true;
      this.rest = "";
    } else {
      this.rest = tail;
    }
    return lines;
  }

  /** The last line if the text did not end with a line end (a sign of truncation), else null. */
  end(): string | null {
    const last = this.rest.endsWith("\r") ? this.rest.slice(0, -1) : this.rest;
    this.rest = "";
    return last === "" || this.isDiscarding ? null : last;
  }
}
