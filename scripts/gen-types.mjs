#!/usr/bin/env node
/*
 * Generate src/core/generated/models.ts from the pydantic contract.
 *
 *   jlpm gen:types     write the file
 *   jlpm check:types   regenerate in memory; exit 1 when the committed file is stale
 *
 * The Python interpreter is $PYTHON, else $VIRTUAL_ENV/bin/python, else `python3`.
 * It runs `python -m jupyter_smstudio.contracts` from the repository root, which prints one
 * JSON Schema holding every contract model under `$defs`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile } from 'json-schema-to-typescript';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const target = path.join(root, 'src', 'core', 'generated', 'models.ts');
const check = process.argv.includes('--check');

function pythonCommand() {
  if (process.env.PYTHON) {
    return process.env.PYTHON;
  }
  if (process.env.VIRTUAL_ENV) {
    const venvPython = path.join(process.env.VIRTUAL_ENV, 'bin', 'python');
    if (existsSync(venvPython)) {
      return venvPython;
    }
  }
  return 'python3';
}

function contractSchema() {
  const python = pythonCommand();
  let out;
  try {
    out = execFileSync(python, ['-m', 'jupyter_smstudio.contracts'], {
      cwd: root,
      encoding: 'utf-8',
      stdio: ['ignore', 'pipe', 'inherit']
    });
  } catch (err) {
    console.error(
      `gen-types: '${python} -m jupyter_smstudio.contracts' failed (set PYTHON to an interpreter with pydantic).`
    );
    process.exit(2);
  }
  return JSON.parse(out);
}

/** Drop `title` from everything but the models themselves, so properties do not become type aliases. */
function stripTitles(node, keep) {
  if (Array.isArray(node)) {
    return node.map(item => stripTitles(item, false));
  }
  if (node && typeof node === 'object') {
    const copy = {};
    for (const [key, value] of Object.entries(node)) {
      if (key === 'title' && !keep) {
        continue;
      }
      if (key === '$defs' || key === 'definitions') {
        copy[key] = Object.fromEntries(
          Object.entries(value).map(([name, def]) => [
            name,
            { ...stripTitles(def, true), title: name }
          ])
        );
      } else if (key === 'properties') {
        copy[key] = Object.fromEntries(
          Object.entries(value).map(([name, prop]) => [name, stripTitles(prop, false)])
        );
      } else {
        copy[key] = stripTitles(value, false);
      }
    }
    return copy;
  }
  return node;
}

const BANNER = `/* eslint-disable */
/**
 * GENERATED FILE - do not edit by hand.
 *
 * Source: the pydantic contract models (python -m jupyter_smstudio.contracts),
 * converted by scripts/gen-types.mjs with json-schema-to-typescript.
 * Regenerate with \`jlpm gen:types\`; \`jlpm check:types\` fails when this file is stale.
 */`;

const schema = stripTitles(contractSchema(), true);
const ts = await compile(schema, 'SmStudioContract', {
  bannerComment: BANNER,
  additionalProperties: false,
  unknownAny: true,
  strictIndexSignatures: false,
  style: { singleQuote: true, trailingComma: 'none', printWidth: 100 }
});

if (check) {
  const current = existsSync(target) ? readFileSync(target, 'utf-8') : '';
  if (current !== ts) {
    console.error(
      `check:types: ${path.relative(root, target)} is stale: it differs from the pydantic contract.\n` +
        'Run `jlpm gen:types` and commit the result.'
    );
    process.exit(1);
  }
  console.log(`check:types: ${path.relative(root, target)} is up to date.`);
} else {
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, ts);
  console.log(`gen:types: wrote ${path.relative(root, target)}`);
}
