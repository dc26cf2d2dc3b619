const config = require('@jupyterlab/testing/lib/babel-config');

module.exports = config.default ?? config;
