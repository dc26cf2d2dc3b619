/** React hooks of the rooms' charts: draw a figure with plotly, follow the JupyterLab theme. */
import type { Data } from 'plotly.js';
import { DependencyList, RefObject, useEffect, useReducer, useRef, useState } from 'react';

import { message } from '../errors';
import { IFigure, loadPlotly, PLOT_CONFIG } from './plotly';

/**
 * Draw `plot(node)` (null: nothing to draw yet; a thrown error is shown instead) into the
 * returned ref's element whenever `deps` or the JupyterLab theme change, and free the chart on
 * unmount. Returns the ref and the error (the plot's, or plotly's loading error), if any.
 */
export function usePlot(
  plot: (node: HTMLDivElement) => IFigure | null,
  deps: DependencyList
): [RefObject<HTMLDivElement>, string | null] {
  const ref = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string | null>(null);
  // Every chart re-draws with the colors of a new theme.
  const theme = useThemeVersion();
  useEffect(
    () => {
      const node = ref.current;
      if (!node) {
        return;
      }
      let figure: IFigure | null;
      try {
        figure = plot(node);
      } catch (reason) {
        setError(message(reason));
        return;
      }
      if (!figure) {
        return;
      }
      const drawn = figure;
      let alive = true;
      loadPlotly()
        .then(Plotly => {
          if (!alive || !ref.current) {
            return;
          }
          setError(null);
          // Parallel coordinates are plotly traces that its type package does not describe.
          return Plotly.react(ref.current, drawn.data as Data[], drawn.layout, PLOT_CONFIG);
        })
        .catch(reason => alive && setError(message(reason)));
      return () => {
        alive = false;
      };
    },
    // The caller's dependencies (eslint checks them where usePlot is called: additionalHooks),
    // and the theme.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [...deps, theme]
  );
  usePurgeOnUnmount(ref);
  useFollowWidth(ref);
  return [ref, error];
}

/**
 * Re-lay a chart out when its box changes width (a splitter, a sidebar): plotly's `responsive`
 * only follows the window.
 */
function useFollowWidth(ref: RefObject<HTMLDivElement>): void {
  useEffect(() => {
    const node = ref.current;
    if (!node || typeof ResizeObserver === 'undefined') {
      return;
    }
    let frame = 0;
    const observer = new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        // only once plotly has drawn into it
        if ('_fullLayout' in node) {
          void loadPlotly()
            .then(P => P.Plots.resize(node))
            .catch(() => undefined);
        }
      });
    });
    observer.observe(node);
    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
    };
  }, [ref]);
}

/** Free a plotly chart's listeners and WebGL contexts when its component goes away. */
function usePurgeOnUnmount(ref: RefObject<HTMLDivElement>): void {
  useEffect(() => {
    const node = ref.current;
    return () => {
      if (node) {
        void loadPlotly()
          .then(P => P.purge(node))
          .catch(() => undefined);
      }
    };
  }, [ref]);
}

/** A counter bumped when the JupyterLab theme changes. */
function useThemeVersion(): number {
  const [version, bump] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    // JupyterLab marks the theme on <body data-jp-theme-name>.
    const observer = new MutationObserver(() => bump());
    observer.observe(document.body, {
      attributes: true,
      attributeFilter: ['data-jp-theme-name', 'data-jp-theme-light']
    });
    return () => observer.disconnect();
  }, []);
  return version;
}
