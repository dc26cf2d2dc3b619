/** Plotly layout colors and fonts from the JupyterLab theme's --jp-* variables. */
import type { Layout } from 'plotly.js';

function cssVar(name: string, fallback: string, node: Element = document.body): string {
  const value = getComputedStyle(node).getPropertyValue(name).trim();
  return value || fallback;
}

export interface IChartTheme {
  paper: string;
  plot: string;
  font: string;
  fontFamily: string;
  fontSize: number;
  grid: string;
  colorway: string[];
}

export function chartTheme(node?: Element): IChartTheme {
  const size = parseFloat(cssVar('--jp-ui-font-size1', '13px', node));
  return {
    paper: cssVar('--jp-layout-color1', '#fff', node),
    plot: cssVar('--jp-layout-color0', '#fff', node),
    font: cssVar('--jp-ui-font-color1', '#333', node),
    fontFamily: cssVar('--jp-ui-font-family', 'sans-serif', node),
    fontSize: Number.isFinite(size) ? size : 13,
    grid: cssVar('--jp-border-color2', '#ddd', node),
    colorway: [
      '--jp-brand-color1',
      '--jp-warn-color1',
      '--jp-success-color1',
      '--jp-error-color1',
      '--jp-info-color1',
      '--jp-accent-color1',
      '--jp-brand-color3',
      '--jp-warn-color3'
    ].map((v, i) =>
      cssVar(
        v,
        ['#1976d2', '#f57c00', '#388e3c', '#d32f2f', '#0097a7', '#7b1fa2', '#90caf9', '#ffcc80'][i],
        node
      )
    )
  };
}

/** The layout part every chart shares. */
export function themedLayout(theme: IChartTheme, title: string): Partial<Layout> {
  // without a title (its card says it) only the legend needs room above the plot
  const top = title ? 64 : 40;
  const axis = {
    gridcolor: theme.grid,
    zerolinecolor: theme.grid,
    linecolor: theme.grid,
    automargin: true
  };
  return {
    // The title at the top left, the legend on the line below it: neither meets an axis title.
    title: {
      text: title,
      font: { size: theme.fontSize + 2 },
      x: 0,
      xanchor: 'left',
      xref: 'paper',
      y: 1,
      yanchor: 'top',
      yref: 'container',
      pad: { t: 6 }
    },
    paper_bgcolor: theme.paper,
    plot_bgcolor: theme.plot,
    font: { color: theme.font, family: theme.fontFamily, size: theme.fontSize },
    colorway: theme.colorway,
    margin: { l: 56, r: 24, t: top, b: 48 },
    xaxis: axis,
    yaxis: axis,
    legend: { orientation: 'h', x: 0, xanchor: 'left', y: 1, yanchor: 'bottom' },
    autosize: true
  };
}

/** A layout with titles on its x and y axes (kept apart from the rest of each axis). */
export function withAxisTitles(layout: Partial<Layout>, x: string, y: string): Partial<Layout> {
  return {
    ...layout,
    xaxis: { ...layout.xaxis, title: { text: x } },
    yaxis: { ...layout.yaxis, title: { text: y } }
  };
}
