import { foldUnchanged, hasChanges } from '@/yaml/diff';
import type { DiffLine } from '@/yaml/diff';
import '@/yaml/yaml.css';

const marks = { same: ' ', add: '+', del: '-' } as const;
const classes = { same: 'diff-same', add: 'diff-add', del: 'diff-del' } as const;

/** A line diff: added lines marked `+` (class diff-add), removed `-` (diff-del). */
export function DiffView({ lines }: { lines: DiffLine[] }) {
  const added = lines.filter((line) => line.op === 'add').length;
  const removed = lines.filter((line) => line.op === 'del').length;
  return (
    <section role="region" aria-label="Diff" className="diff">
      {hasChanges(lines) ? (
        <p className="diff-summary">
          {added} {added === 1 ? 'line' : 'lines'} added, {removed}{' '}
          {removed === 1 ? 'line' : 'lines'} removed
        </p>
      ) : (
        <p className="diff-summary">No changes.</p>
      )}
      <pre className="diff-lines">
        {foldUnchanged(lines).map((chunk, i) =>
          chunk.kind === 'skip' ? (
            <div key={i} className="diff-skip">
              {`⋯ ${chunk.count} unchanged ${chunk.count === 1 ? 'line' : 'lines'}`}
            </div>
          ) : (
            chunk.lines.map((line, j) => (
              <div key={`${i}-${j}`} className={classes[line.op]}>
                {`${marks[line.op]}${line.text}`}
              </div>
            ))
          ),
        )}
      </pre>
    </section>
  );
}
