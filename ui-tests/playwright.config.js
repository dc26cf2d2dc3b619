/**
 * Galata / Playwright configuration of the jupyter-smstudio UI tests.
 * Uses Debian's Chromium (Playwright cannot download browsers here).
 */
const baseConfig = require('@jupyterlab/galata/lib/playwright-config');

module.exports = {
  ...baseConfig,
  reporter: [[process.env.CI ? 'line' : 'list'], ['html', { open: 'never' }]],
  timeout: 120000,
  retries: 0,
  workers: 1,
  // What the tests capture goes under test-results/ (ignored by git); the references that
  // toHaveScreenshot compares with are committed next to the tests (tests/*-snapshots/).
  outputDir: 'test-results',
  expect: {
    toHaveScreenshot: {
      // anti-aliasing may differ by a few pixels; a broken layout differs by thousands
      maxDiffPixelRatio: 0.002,
      animations: 'disabled',
      caret: 'hide'
    }
  },
  use: {
    ...baseConfig.use,
    video: 'off',
    trace: 'off',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync'
      ]
    }
  },
  webServer: {
    command: 'jlpm start',
    url: 'http://localhost:8888/lab',
    timeout: 120 * 1000,
    reuseExistingServer: !process.env.CI
  }
};
