import { LabIcon } from '@jupyterlab/ui-components';

/** A pulse line over a baseline: the Model Monitor room. */
const monitorSvg = `<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16" viewBox="0 0 24 24">
  <g class="jp-icon3" fill="#616161">
    <path d="M3 19h18v2H3v-2zm0-8h4.4l2.1-4.2 3.6 9 2.4-4.8H21v2h-4.3l-3.6 7.2-3.6-9L8.6 13H3v-2z"/>
  </g>
</svg>`;

export const monitorIcon = new LabIcon({
  name: 'jupyter-smstudio:monitor',
  svgstr: monitorSvg
});
