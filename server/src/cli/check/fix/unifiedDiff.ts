/**
 * A unified diff (`diff -u`, three lines of context) of two versions of a file, for
 * `attack-notes check --fix-dry-run`; `patch -p1` applies it. Lines are compared with their `\r`,
 * so a CRLF file's diff applies to it as it is.
 */

const CONTEXT = 3;

/** Lines with their line break (the last may have none): `a` and `a\n` are different lines. */
function splitLines(text: string): string[] {
  return text === '' ? [] : text.split(/(?<=\n)/);
}

type Operation = { kind: ' ' | '-' | '+'; line: string };

/**
 * The shortest edit script between two line lists (Myers' O(ND) algorithm): fixes change a few
 * lines of long notes, so D is small and the search is short.
 */
function editScript(a: readonly string[], b: readonly string[]): ('=' | '-' | '+')[] {
  const max = a.length + b.length;
  const offset = max + 1;
  const frontier = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(frontier.slice());
    for (let k = -d; k <= d; k += 2) {
      let x =
        k === -d || (k !== d && frontier[offset + k - 1] < frontier[offset + k + 1])
          ? frontier[offset + k + 1]
          : frontier[offset + k - 1] + 1;
      let y = x - k;
      while (x < a.length && y < b.length && a[x] === b[y]) {
        x++;
        y++;
      }
      frontier[offset + k] = x;
      if (x >= a.length && y >= b.length) {
        found = true;
        break;
      }
    }
  }
  // Walk back through the saved frontiers.
  const script: ('=' | '-' | '+')[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = trace.length - 1; d >= 0; d--) {
    const v = trace[d];
    const k = x - y;
    const previousK =
      k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? k + 1 : k - 1;
    const previousX = d === 0 ? 0 : v[offset + previousK];
    const previousY = previousX - previousK;
    while (x > previousX && y > previousY) {
      script.push('=');
      x--;
      y--;
    }
    if (d > 0) script.push(x === previousX ? '+' : '-');
    x = previousX;
    y = previousY;
  }
  return script.reverse();
}

function operationsOf(before: readonly string[], after: readonly string[]): Operation[] {
  const operations: Operation[] = [];
  let i = 0;
  let j = 0;
  for (const step of editScript(before, after)) {
    if (step === '+') operations.push({ kind: '+', line: after[j++] });
    else {
      operations.push({ kind: step === '=' ? ' ' : '-', line: before[i++] });
      if (step === '=') j++;
    }
  }
  return operations;
}

function range(start: number, count: number): string {
  // `diff` writes an empty range as the line before it.
  return count === 1 ? `${start}` : `${count === 0 ? start - 1 : start},${count}`;
}

/** The diff of `before` and `after` under the names `a/<file>` and `b/<file>`; '' when equal. */
export function unifiedDiff(file: string, before: string, after: string): string {
  if (before === after) return '';
  const operations = operationsOf(splitLines(before), splitLines(after));
  const output = [`--- a/${file}`, `+++ b/${file}`];
  let n = 0;
  while (n < operations.length) {
    while (n < operations.length && operations[n].kind === ' ') n++;
    if (n >= operations.length) break;
    // A hunk: context before, changes, and context after until CONTEXT*2 unchanged lines in a row.
    const start = Math.max(0, n - CONTEXT);
    let end = n;
    let unchanged = 0;
    while (end < operations.length && unchanged < 2 * CONTEXT + 1) {
      unchanged = operations[end].kind === ' ' ? unchanged + 1 : 0;
      end++;
    }
    if (unchanged > CONTEXT) end -= unchanged - CONTEXT;
    let oldStart = 1;
    let newStart = 1;
    for (let m = 0; m < start; m++) {
      if (operations[m].kind !== '+') oldStart++;
      if (operations[m].kind !== '-') newStart++;
    }
    const hunk = operations.slice(start, end);
    const oldCount = hunk.filter((o) => o.kind !== '+').length;
    const newCount = hunk.filter((o) => o.kind !== '-').length;
    output.push(`@@ -${range(oldStart, oldCount)} +${range(newStart, newCount)} @@`);
    for (const operation of hunk) {
      const broken = operation.line.endsWith('\n');
      output.push(operation.kind + (broken ? operation.line.slice(0, -1) : operation.line));
      if (!broken) output.push('\\ No newline at end of file');
    }
    n = end;
  }
  return output.join('\n') + '\n';
}
