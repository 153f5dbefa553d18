"""The network in a dlnotes model file, run with numpy alone: a check from outside the page.

Usage: forward.py MODEL.safetensors DIGITS.bin EVERY
Prints, as JSON, the class the network picks for every EVERY-th digit of the digits file.

The file is read with Hugging Face's `safetensors` package. Its tensors carry PyTorch's names
and layouts (layer i of an nn.Sequential: `i.weight`, `i.bias`; nn.Linear's weight is
[out, in]); its metadata carries the layers in the site's text form, which this script follows.
"""

import json
import sys
import zlib

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view
from safetensors import safe_open


def windows(x, size, stride):
    """[N, C, H, W] -> [N, C, OH, OW, size, size]."""
    return sliding_window_view(x, (size, size), axis=(2, 3))[:, :, ::stride, ::stride]


def run(layers, tensors, x):
    for i, token in enumerate(layers):
        kind, *args = token.split(":")
        numbers = [float(a) for a in args]
        p = lambda name: tensors[f"{i}.{name}"]
        if kind == "conv":
            k, stride, pad = int(numbers[1]), int(numbers[2]), int(numbers[3])
            x = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
            x = np.einsum("nchwij,fcij->nfhw", windows(x, k, stride), p("weight"), dtype=np.float32)
            x = x + p("bias")[None, :, None, None]
        elif kind == "pool":
            x = windows(x, int(numbers[0]), int(numbers[1])).max(axis=(-1, -2))
        elif kind == "avgpool":
            x = windows(x, int(numbers[0]), int(numbers[1])).mean(axis=(-1, -2))
        elif kind == "flatten":
            x = x.reshape(x.shape[0], -1)
        elif kind == "dense":
            x = x @ p("weight").T + p("bias")
        elif kind == "batchnorm":
            shape = (1, -1) + (1,) * (x.ndim - 2)
            scale = p("weight") / np.sqrt(p("running_var") + np.float32(1e-5))
            x = (x - p("running_mean").reshape(shape)) * scale.reshape(shape) + p("bias").reshape(shape)
        elif kind == "relu":
            x = np.maximum(x, 0)
        elif kind == "tanh":
            x = np.tanh(x)
        elif kind == "sigmoid":
            x = 1 / (1 + np.exp(-x))
        elif kind == "leaky":
            x = np.where(x > 0, x, x * np.float32(numbers[0]))
        elif kind == "dropout":
            pass  # off at inference
        else:
            raise SystemExit(f"layer {i}: {token} is not handled by this check")
        x = x.astype(np.float32)
    return x


def main():
    model, digits, every = sys.argv[1], sys.argv[2], int(sys.argv[3])
    with safe_open(model, framework="numpy") as f:
        layers = f.metadata()["dlnotes.layers"].split(",")
        tensors = {name: f.get_tensor(name) for name in f.keys()}
    raw = open(digits, "rb").read()
    count = int.from_bytes(raw[8:12], "little")
    data = np.frombuffer(zlib.decompress(raw[16:]), dtype=np.uint8)
    images = data[count:].reshape(count, 1, 28, 28)[::every]
    x = (images / 255).astype(np.float32)
    print(json.dumps(run(layers, tensors, x).argmax(axis=1).tolist()))


if __name__ == "__main__":
    main()
