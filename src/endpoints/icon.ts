import { LabIcon } from '@jupyterlab/ui-components';

const endpointsSvg = `<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16" viewBox="0 0 24 24">
  <g class="jp-icon3" fill="#616161">
    <path d="M4 5h10v4H4V5zm0 10h10v4H4v-4zm12-8h2v4h3v2h-3v4h-2v-4h-2v-2h2V7zM6 6.5v1h2v-1H6zm0 10v1h2v-1H6z"/>
  </g>
</svg>`;

export const endpointsIcon = new LabIcon({
  name: 'jupyter-smstudio:endpoints',
  svgstr: endpointsSvg
});
