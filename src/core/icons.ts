import { LabIcon } from '@jupyterlab/ui-components';

const studioSvg = `<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16" viewBox="0 0 24 24">
  <g class="jp-icon3" fill="#616161">
    <path d="M12 2 3 6.5v11L12 22l9-4.5v-11L12 2zm0 2.2 6.8 3.4L12 11 5.2 7.6 12 4.2zM5 9.3l6 3v7.5l-6-3V9.3zm8 10.5v-7.5l6-3v7.5l-6 3z"/>
  </g>
</svg>`;

const jobsSvg = `<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16" viewBox="0 0 24 24">
  <g class="jp-icon3" fill="#616161">
    <path d="M4 4h16v3H4V4zm0 6.5h10v3H4v-3zM4 17h16v3H4v-3zm13-7.5 4 3-4 3v-6z"/>
  </g>
</svg>`;

export const studioIcon = new LabIcon({ name: 'jupyter-smstudio:studio', svgstr: studioSvg });
export const jobsIcon = new LabIcon({ name: 'jupyter-smstudio:jobs', svgstr: jobsSvg });
