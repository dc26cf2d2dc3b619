import { LabIcon } from '@jupyterlab/ui-components';

const trainingSvg = `<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16" viewBox="0 0 24 24">
  <g class="jp-icon3" fill="#616161">
    <path d="M3 20h18v2H3v-2zm1-3 5-6 4 3 6-8 1.6 1.2-7.2 9.6-4-3-3.9 4.6L4 17z"/>
  </g>
</svg>`;

export const trainingIcon = new LabIcon({
  name: 'jupyter-smstudio:training',
  svgstr: trainingSvg
});
