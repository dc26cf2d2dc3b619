/**
 * Two panes side by side with a splitter between them (drag it, or focus it and use the arrow
 * keys), like JupyterLab's own split panels. The list keeps its columns when a page opens
 * beside it: each pane scrolls on its own, and the user decides how wide each is.
 */
import React, { useRef, useState } from 'react';

/** The first pane's share of the width, by split (kept while JupyterLab runs). */
const shares = new Map<string, number>();

/** A share kept between `min` and `1 - min`. */
export function clampShare(share: number, min = 0.15): number {
  return Math.max(min, Math.min(1 - min, share));
}

export interface ISplitViewProps {
  /** Names the split (its share is kept under it). */
  id: string;
  /** The first pane (a list). */
  start: React.ReactNode;
  /** The second pane (a page or a form); without it the first takes the whole width. */
  end?: React.ReactNode;
  /** The first pane's share of the width at first. */
  initial?: number;
  /** What the splitter is between, for screen readers. */
  label: string;
}

export function SplitView({ id, start, end, initial = 0.5, label }: ISplitViewProps) {
  const [share, setShareState] = useState(() => shares.get(id) ?? initial);
  const root = useRef<HTMLDivElement>(null);
  const setShare = (value: number) => {
    const next = clampShare(value);
    shares.set(id, next);
    setShareState(next);
  };
  const onPointerDown = (event: React.PointerEvent<HTMLDivElement>) => {
    const node = root.current;
    if (!node) {
      return;
    }
    event.preventDefault();
    const handle = event.currentTarget;
    handle.setPointerCapture?.(event.pointerId);
    const box = node.getBoundingClientRect();
    const move = (e: PointerEvent) => setShare((e.clientX - box.left) / Math.max(1, box.width));
    const done = () => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', done);
      handle.removeEventListener('pointercancel', done);
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', done);
    handle.addEventListener('pointercancel', done);
  };
  const hasEnd = end !== undefined && end !== null && end !== false;
  return (
    <div className="jp-smstudio-split" ref={root} data-split={id}>
      <div
        className="jp-smstudio-split-pane jp-smstudio-split-start"
        style={hasEnd ? { flex: `0 0 ${share * 100}%` } : undefined}
      >
        {start}
      </div>
      {hasEnd && (
        <>
          <div
            className="jp-smstudio-split-handle"
            role="separator"
            aria-orientation="vertical"
            aria-label={label}
            aria-valuemin={15}
            aria-valuemax={85}
            aria-valuenow={Math.round(share * 100)}
            tabIndex={0}
            data-testid={`${id}-splitter`}
            onPointerDown={onPointerDown}
            onDoubleClick={() => setShare(initial)}
            onKeyDown={e => {
              if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
                e.preventDefault();
                setShare(share + (e.key === 'ArrowRight' ? 0.05 : -0.05));
              }
            }}
          />
          <div className="jp-smstudio-split-pane jp-smstudio-split-end">{end}</div>
        </>
      )}
    </div>
  );
}
