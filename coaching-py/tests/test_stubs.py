"""The generated stubs agree with the compiled module, and a typed program checks against them."""

import subprocess
import sys


def test_stubtest_passes():
    result = subprocess.run([sys.executable, "-m", "mypy.stubtest", "coaching"], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_quickstart_type_checks():
    import pathlib

    example = pathlib.Path(__file__).resolve().parents[2] / "examples" / "python" / "quickstart.py"
    result = subprocess.run([sys.executable, "-m", "mypy", "--strict", str(example)], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
