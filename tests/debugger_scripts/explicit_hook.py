"""An smdebug-style script: it creates the hook from SageMaker's JSON itself and registers the model and the loss."""

import time

import torch
from torch import nn

from jupyter_smstudio.smdebug import modes
from jupyter_smstudio.smdebug.pytorch import Hook

torch.manual_seed(0)
torch.set_num_threads(1)
hook = Hook.create_from_json_file()
x = torch.randn(128, 4)
y = x.sum(dim=1, keepdim=True)
model = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 1))
loss_fn = nn.MSELoss()
hook.register_module(model)
hook.register_loss(loss_fn)
optimizer = torch.optim.SGD(model.parameters(), lr=0.0)  # lr 0: the loss never decreases
hook.set_mode(modes.TRAIN)
for _step in range(3000):
    optimizer.zero_grad()
    loss = loss_fn(model(x), y)
    loss.backward()
    optimizer.step()
    hook.save_scalar("lr", 0.0)
    time.sleep(0.005)
print("trained to the end: the rule did not stop me", flush=True)
