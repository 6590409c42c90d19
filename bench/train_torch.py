#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
#
# train_torch.py SUBSET [THREADS]: the PyTorch peer of bench/train_bench.c,
# a benchmark figure only.  The same network on PyTorch's CPU nn.LSTM (E=16,
# 1 layer, H=32 and H=64, dropout 0.1 on the embedding and the LSTM output,
# a linear layer to the vocabulary, cross-entropy, gradient clipping at 1,
# AdamW lr 3e-3 weight decay 0.01), one epoch over the subset train_bench
# --export wrote, as B=32 lanes of T=64 steps with the state carried over
# (truncated BPTT).  Prints "torch H TOKENS_PER_S" per size.
import sys
import time

try:
    import torch
except ImportError:
    print("skipped: python3-torch absent")
    sys.exit(0)

B, T, E = 32, 64, 16


class Net(torch.nn.Module):
    def __init__(self, vocab, hidden):
        super().__init__()
        self.emb = torch.nn.Embedding(vocab, E)
        self.drop = torch.nn.Dropout(0.1)
        self.lstm = torch.nn.LSTM(E, hidden, num_layers=1, batch_first=True)
        self.out = torch.nn.Linear(hidden, vocab)

    def forward(self, x, state):
        y, state = self.lstm(self.drop(self.emb(x)), state)
        return self.out(self.drop(y)), state


def lanes(path):
    """Streams concatenated and cut into B equal lanes, as (B, N) tokens."""
    with open(path) as f:
        vocab = int(f.readline().split()[1])
        toks = [int(t) for line in f for t in line.split()]
    n = len(toks) // B
    return vocab, torch.tensor(toks[: n * B], dtype=torch.long).view(B, n)


def epoch(vocab, data, hidden, steps=None):
    torch.manual_seed(1)
    net = Net(vocab, hidden)
    opt = torch.optim.AdamW(net.parameters(), lr=3e-3, weight_decay=0.01)
    state, tokens = None, 0
    last = data.size(1) - 1
    t0 = time.perf_counter()
    for i, at in enumerate(range(0, last, T)):
        if steps is not None and i == steps:
            break
        n = min(T, last - at)
        x, y = data[:, at:at + n], data[:, at + 1:at + 1 + n]
        logits, state = net(x, state)
        state = tuple(s.detach() for s in state)
        loss = torch.nn.functional.cross_entropy(logits.reshape(-1, vocab), y.reshape(-1))
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(net.parameters(), 1.0)
        opt.step()
        tokens += x.numel()
    return tokens / (time.perf_counter() - t0)


def main():
    threads = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    torch.set_num_threads(threads)
    vocab, data = lanes(sys.argv[1])
    for hidden in (32, 64):
        epoch(vocab, data, hidden, steps=3)     # warm up: first-call allocations
        print("torch %d %.0f" % (hidden, epoch(vocab, data, hidden)), flush=True)


main()
