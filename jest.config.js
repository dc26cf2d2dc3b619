const jestJupyterLab = require('@jupyterlab/testing/lib/jest-config');

// JupyterLab packages ship ES modules: let babel/ts-jest transform them.
const esModules = [
  '@codemirror',
  '@jupyter/ydoc',
  '@jupyter/react-components',
  '@jupyter/web-components',
  '@jupyterlab/',
  '@microsoft',
  'exenv-es6',
  'lib0',
  'nanoid',
  'vscode-ws-jsonrpc',
  'y-protocols',
  'y-websocket',
  'yjs'
].join('|');

const baseConfig = jestJupyterLab(__dirname);

module.exports = {
  ...baseConfig,
  automock: false,
  reporters: ['default'],
  // Build outputs and virtual environments hold copies of package.json files (jest-haste-map
  // would warn about the name collisions) and no tests.
  modulePathIgnorePatterns: [
    '<rootDir>/jupyter_smstudio/labextension',
    '<rootDir>/ui-tests',
    '<rootDir>/.venv',
    '<rootDir>/bench/.venv-peers',
    '<rootDir>/build',
    '<rootDir>/dist'
  ],
  collectCoverageFrom: ['src/**/*.{ts,tsx}', '!src/**/*.d.ts', '!src/core/generated/**'],
  coverageReporters: ['lcov', 'text'],
  testRegex: 'src/.*/__tests__/.*\\.spec\\.tsx?$',
  transformIgnorePatterns: [`/node_modules/(?!${esModules}).+`]
};
