/*
 * JupyterLab's style entry of the extension. Each room's plugin imports its own CSS (next to
 * its code); here is the core's, which every room builds on.
 */
import '../lib/core/base.css';
