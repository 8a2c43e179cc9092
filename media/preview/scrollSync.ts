// The map between editor lines and the preview's vertical positions. The server marks every
// rendered block and every table row with `data-line` (the 0-based editor line where its source
// starts); positions between two marks are interpolated, so a long paragraph or a table scrolls
// smoothly and a table row lines up with its editor line.

interface LineMark {
  line: number;
  /** Distance from the top of the document, in CSS pixels. */
  top: number;
}

/** The marks in line order, one per line, each below the previous (hidden elements skipped). */
function lineMarks(root: HTMLElement): LineMark[] {
  const marks: LineMark[] = [];
  for (const element of root.querySelectorAll<HTMLElement>('[data-line]')) {
    const line = Number(element.dataset.line);
    if (!Number.isInteger(line) || line < 0 || element.getClientRects().length === 0) continue;
    marks.push({ line, top: element.getBoundingClientRect().top + window.scrollY });
  }
  // Stable sort: of the elements that start on the same line, the outermost comes first.
  marks.sort((a, b) => a.line - b.line);
  const kept: LineMark[] = [];
  for (const mark of marks) {
    const last = kept[kept.length - 1];
    if (last && (mark.line === last.line || mark.top <= last.top)) continue;
    kept.push(mark);
  }
  return kept;
}

/** The scroll position that puts editor line `line` (fractional) at the top of the view. */
export function scrollYForLine(root: HTMLElement, line: number): number {
  const marks = lineMarks(root);
  const first = marks[0];
  if (!first || line <= 0) return 0;
  if (line < first.line) return (first.top * line) / first.line;
  let previous = first;
  for (const mark of marks) {
    if (mark.line > line) {
      const fraction = (line - previous.line) / (mark.line - previous.line);
      return previous.top + fraction * (mark.top - previous.top);
    }
    previous = mark;
  }
  return previous.top;
}

/** The editor line (fractional) shown at scroll position `y`. */
export function lineAtScrollY(root: HTMLElement, y: number): number {
  const marks = lineMarks(root);
  const first = marks[0];
  if (!first) return 0;
  if (y < first.top) return first.top > 0 ? (first.line * Math.max(0, y)) / first.top : first.line;
  let previous = first;
  for (const mark of marks) {
    if (mark.top > y) {
      const fraction = (y - previous.top) / (mark.top - previous.top);
      return previous.line + fraction * (mark.line - previous.line);
    }
    previous = mark;
  }
  return previous.line;
}
