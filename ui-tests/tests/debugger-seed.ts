/**
 * Seeds the Debugger tab's tests (debugger.spec.ts): a plain PyTorch script (no Debugger code) and
 * training jobs started by the Python SDK in a kernel of the Galata server, as a user's notebook
 * would (the server exports SMSTUDIO_URL to its kernels, so the SDK talks to it).
 */
import { expect, IJupyterLabPageFixture } from '@jupyterlab/galata';
import type { APIRequestContext } from '@playwright/test';

export const API = '/smstudio/api';
export const FOLDER = 'debugger-gal';

/**
 * An MLP on a synthetic regression, a validation pass every 10 steps (the EVAL mode's loss), and
 * `--wait` seconds before the first step (the browser opens the tab before a rule can fire).
 */
export const TRAIN_SCRIPT = `import argparse
import time

import torch
from torch import nn

parser = argparse.ArgumentParser()
parser.add_argument("--lr", type=float, default=0.05)
parser.add_argument("--steps", type=int, default=60)
parser.add_argument("--pause", type=float, default=0.0)
parser.add_argument("--wait", type=float, default=0.0)
args, _ = parser.parse_known_args()
time.sleep(args.wait)

torch.manual_seed(0)
torch.set_num_threads(1)
w = torch.randn(8, 1)
x, xv = torch.randn(256, 8), torch.randn(64, 8)
y, yv = x @ w + 0.1 * torch.randn(256, 1), xv @ w + 0.1 * torch.randn(64, 1)
model = nn.Sequential(nn.Linear(8, 16), nn.ReLU(), nn.Linear(16, 16), nn.ReLU(), nn.Linear(16, 1))
loss_fn = nn.MSELoss()
optimizer = torch.optim.SGD(model.parameters(), lr=args.lr)
for step in range(args.steps):
    model.train()
    optimizer.zero_grad()
    loss = loss_fn(model(x), y)
    loss.backward()
    optimizer.step()
    if step % 10 == 9:
        model.eval()
        with torch.no_grad():
            print(f"step {step} loss={loss.item():.4f} validation={loss_fn(model(xv), yv).item():.4f}", flush=True)
    time.sleep(args.pause)
print("done", flush=True)
`;

export interface IDebuggerJob {
  name: string;
  lr: number;
  steps: number;
  pause: number;
  wait: number;
  /** Whether the rule stops the job (rule_configs.StopTraining). */
  stop: boolean;
  /** No hook config and no rules: the tab explains how to enable it. */
  plain?: boolean;
  /** A TensorBoard export (TensorBoardOutputConfig) under the seed folder. */
  tensorboard?: boolean;
}

/** The SDK code that starts `job` without waiting for it (what a user's notebook cell does). */
export function sdkCode(job: IDebuggerJob): string {
  const debug = job.plain
    ? ''
    : `debugger_hook_config=DebuggerHookConfig(collection_configs=[
        CollectionConfig("losses", parameters={"save_interval": "1"}),
        CollectionConfig("gradients", parameters={"save_interval": "2"}),
        CollectionConfig("weights", parameters={"save_interval": "5"})]),
    rules=[Rule.sagemaker(rule_configs.loss_not_decreasing(), rule_parameters={"num_steps": "5"},
                          ${job.stop ? 'actions=rule_configs.ActionList(rule_configs.StopTraining())' : ''}),
           Rule.sagemaker(rule_configs.exploding_tensor())],
    ${job.tensorboard ? 'tensorboard_output_config=TensorBoardOutputConfig(s3_output_path="tensorboard"),' : ''}`;
  return `from jupyter_smstudio.sdk.pytorch import PyTorch
from jupyter_smstudio.sdk.debugger import (
    CollectionConfig, DebuggerHookConfig, Rule, TensorBoardOutputConfig, rule_configs)

estimator = PyTorch(
    entry_point="train.py", source_dir=".", framework_version="2.1", py_version="py310",
    role="ignored", instance_type="local",
    hyperparameters={"lr": ${job.lr}, "steps": ${job.steps}, "pause": ${job.pause}, "wait": ${job.wait}},
    ${debug})
estimator.fit(job_name="${job.name}", wait=False)
print("started", "${job.name}")
`;
}

/** Run Python in a kernel started in the seed folder; returns its output, throws its error. */
export async function runPython(page: IJupyterLabPageFixture, code: string): Promise<string> {
  return page.evaluate(
    async ({ code, path }) => {
      const manager = window.jupyterapp.serviceManager;
      const session = await manager.sessions.startNew({
        path,
        type: 'notebook',
        name: 'seed',
        kernel: { name: 'python3' }
      });
      const kernel = session.kernel!;
      let output = '';
      try {
        const future = kernel.requestExecute({ code });
        future.onIOPub = msg => {
          const content = msg.content as Record<string, unknown>;
          if (msg.header.msg_type === 'stream') {
            output += String(content.text);
          } else if (msg.header.msg_type === 'error') {
            output += `ERROR ${String(content.ename)}: ${String(content.evalue)}\n`;
          }
        };
        await future.done;
      } finally {
        await session.shutdown();
      }
      return output;
    },
    { code, path: `${FOLDER}/seed.ipynb` }
  );
}

/** The script in the Jupyter root, and `job` started through the SDK (once: kept when it exists). */
export async function seedJob(page: IJupyterLabPageFixture, job: IDebuggerJob): Promise<void> {
  if ((await page.request.get(`${API}/training-jobs/${job.name}`)).ok()) {
    return;
  }
  await page.contents.uploadContent(TRAIN_SCRIPT, 'text', `${FOLDER}/train.py`);
  const output = await runPython(page, sdkCode(job));
  if (!output.includes('started')) {
    throw new Error(`seeding ${job.name} failed:\n${output}`);
  }
}

/** Wait until the job and its rules have all ended; returns the job's status. */
export async function waitForRules(
  request: APIRequestContext,
  name: string,
  timeout = 180000
): Promise<string> {
  let status = '';
  await expect
    .poll(
      async () => {
        const response = await request.get(`${API}/debugger/training-jobs/${name}/rules`);
        if (!response.ok()) {
          return `${response.status()}`;
        }
        const answer = await response.json();
        status = String(answer.TrainingJobStatus);
        const running = (answer.RuleEvaluations ?? []).some((r: { RuleEvaluationStatus: string }) =>
          ['InProgress', 'Stopping'].includes(r.RuleEvaluationStatus)
        );
        return running || ['InProgress', 'Stopping'].includes(status) ? 'running' : 'ended';
      },
      { timeout, intervals: [1000] }
    )
    .toBe('ended');
  return status;
}
