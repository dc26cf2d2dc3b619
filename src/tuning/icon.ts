import { LabIcon } from '@jupyterlab/ui-components';

const tuningSvg = `<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16" viewBox="0 0 24 24">
  <g class="jp-icon3" fill="#616161">
    <path d="M4 4h2v6H4V4zm0 10h2v6H4v-6zM3 11h4v2H3v-2zm8-7h2v2h-2V4zm0 6h2v10h-2V10zm-1-3h4v2h-4V7zm8-3h2v10h-2V4zm0 14h2v2h-2v-2zm-1-3h4v2h-4v-2z"/>
  </g>
</svg>`;

export const tuningIcon = new LabIcon({
  name: 'jupyter-smstudio:tuning',
  svgstr: tuningSvg
});
