/** plotly.js-dist-min ships no types: it is plotly.js, bundled. */
declare module 'plotly.js-dist-min' {
  import * as Plotly from 'plotly.js';
  export = Plotly;
}
