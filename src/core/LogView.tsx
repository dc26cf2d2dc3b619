import React, { useEffect, useRef } from 'react';

export interface ILogViewProps {
  log: string;
  complete: boolean;
  error: string | null;
  /** `data-testid` of the `<pre>` (each room's tests look for their own). */
  testId: string;
}

/** A job's log under a "Log (live)" heading, scrolled to the end unless the user scrolled up. */
export function LogView({ log, complete, error, testId }: ILogViewProps): JSX.Element {
  const logRef = useRef<HTMLPreElement>(null);
  const stick = useRef(true);

  useEffect(() => {
    const el = logRef.current;
    if (el && stick.current) {
      el.scrollTop = el.scrollHeight;
    }
  }, [log]);

  return (
    <>
      <h4>
        Log{' '}
        <span className="jp-smstudio-muted">
          {complete ? '(complete)' : error ? `(${error})` : '(live)'}
        </span>
      </h4>
      <pre
        className="jp-smstudio-log"
        data-testid={testId}
        ref={logRef}
        tabIndex={0}
        aria-label="Job log"
        onScroll={e => {
          const el = e.currentTarget;
          stick.current = el.scrollTop + el.clientHeight >= el.scrollHeight - 8;
        }}
      >
        {log}
      </pre>
    </>
  );
}
