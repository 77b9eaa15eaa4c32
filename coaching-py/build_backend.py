"""The wheel's build backend: maturin, after writing the type stubs.

The stubs (`python/coaching/_coaching.pyi`, `_enums.pyi`) are generated from the Rust sources
by `cargo run --bin stub_gen` and never committed, so `pip install ./coaching-py` (or any PEP 517
front end) runs the generator first; the wheel then ships them beside `py.typed`.
"""

import os
import subprocess
import sys
from pathlib import Path

import maturin
from maturin import *  # noqa: F401,F403 (every hook maturin provides)

_HERE = Path(__file__).resolve().parent


def _write_stubs() -> None:
    cargo = os.environ.get("CARGO", "cargo")
    manifest = _HERE / "Cargo.toml"
    cmd = [cargo, "run", "--quiet", "--manifest-path", str(manifest), "--bin", "stub_gen"]
    result = subprocess.run(cmd, cwd=_HERE)
    if result.returncode != 0:
        sys.exit(f"writing the type stubs failed: {' '.join(cmd)}")


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    # An unpacked sdist (it has PKG-INFO) carries the stubs written when it was made, from
    # these same sources: building its wheel needs no second compilation for them.
    if not ((_HERE / "PKG-INFO").is_file() and (_HERE / "python/coaching/_coaching.pyi").is_file()):
        _write_stubs()
    return maturin.build_wheel(wheel_directory, config_settings, metadata_directory)


def build_editable(wheel_directory, config_settings=None, metadata_directory=None):
    _write_stubs()
    return maturin.build_editable(wheel_directory, config_settings, metadata_directory)


def build_sdist(sdist_directory, config_settings=None):
    _write_stubs()
    return maturin.build_sdist(sdist_directory, config_settings)
