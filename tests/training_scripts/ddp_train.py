# A 2-process PyTorch DistributedDataParallel (gloo) script, as SageMaker's PyTorch examples write it.
import os

import torch
import torch.distributed as dist
import torch.nn as nn

dist.init_process_group("gloo", rank=int(os.environ["RANK"]), world_size=int(os.environ["WORLD_SIZE"]))
torch.manual_seed(0)
model = nn.parallel.DistributedDataParallel(nn.Linear(4, 1))
opt = torch.optim.SGD(model.parameters(), lr=0.1)
x = torch.randn(64, 4)
y = x.sum(dim=1, keepdim=True)
for _ in range(20):
    opt.zero_grad()
    loss = ((model(x) - y) ** 2).mean()
    loss.backward()
    opt.step()
print(
    f"rank={dist.get_rank()} world={dist.get_world_size()} host={os.environ['SM_CURRENT_HOST']} loss={loss.item():.4f}",
    flush=True,
)
weights = [p.detach().clone() for p in model.parameters()]
gathered = [torch.zeros_like(weights[0]) for _ in range(dist.get_world_size())]
dist.all_gather(gathered, weights[0])
assert all(torch.allclose(g, gathered[0]) for g in gathered), "replicas diverged"
if dist.get_rank() == 0:
    torch.save(model.module.state_dict(), os.path.join(os.environ["SM_MODEL_DIR"], "model.pth"))
del model, opt  # DDP's reducer holds gloo work and its tensors: freed here, not as the interpreter tears down
dist.barrier()  # both ranks leave together: gloo aborts a rank whose peer vanished
dist.destroy_process_group()
