import { LabIcon } from '@jupyterlab/ui-components';

const experimentsSvg = `<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16" viewBox="0 0 24 24">
  <g class="jp-icon3" fill="#616161">
    <path d="M9 2h6v2h-1v5.2l5.6 9.7A2 2 0 0 1 17.9 22H6.1a2 2 0 0 1-1.7-3.1L10 9.2V4H9V2zm3 8.3L8.9 16h6.2L12 10.3z"/>
  </g>
</svg>`;

export const experimentsIcon = new LabIcon({
  name: 'jupyter-smstudio:experiments',
  svgstr: experimentsSvg
});
