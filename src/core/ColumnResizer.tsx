import React from 'react';

import { clampWidth } from './columnWidths';

export interface IColumnResizerProps {
  /** The column's heading (for screen readers). */
  label: string;
  width: number;
  onResize: (width: number) => void;
  /** Double-click: back to the default width. */
  onReset: () => void;
}

/** The handle at a column heading's right edge: drag (or arrow keys) to resize the column. */
export function ColumnResizer({ label, width, onResize, onReset }: IColumnResizerProps) {
  const onPointerDown = (event: React.PointerEvent<HTMLSpanElement>) => {
    event.preventDefault();
    event.stopPropagation();
    const handle = event.currentTarget;
    const startX = event.clientX;
    const start = width;
    handle.setPointerCapture?.(event.pointerId);
    const move = (e: PointerEvent) => onResize(clampWidth(start + e.clientX - startX));
    const end = () => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', end);
      handle.removeEventListener('pointercancel', end);
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', end);
    handle.addEventListener('pointercancel', end);
  };
  return (
    <span
      role="separator"
      aria-orientation="vertical"
      aria-label={`Resize column ${label}`}
      aria-valuenow={width}
      tabIndex={0}
      className="jp-smstudio-col-resizer"
      title="Drag to resize; double-click for the default width"
      onPointerDown={onPointerDown}
      onClick={e => e.stopPropagation()}
      onDoubleClick={e => {
        e.stopPropagation();
        onReset();
      }}
      onKeyDown={e => {
        if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
          e.preventDefault();
          e.stopPropagation();
          onResize(clampWidth(width + (e.key === 'ArrowRight' ? 16 : -16)));
        } else if (e.key === 'Enter' || e.key === ' ') {
          // the heading's own keys (sorting) are not the handle's
          e.stopPropagation();
        }
      }}
    />
  );
}
