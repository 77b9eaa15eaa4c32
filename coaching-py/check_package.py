"""Checks the Python distribution as PyPI and pip would receive it (issue 18): the wheel's
platform tag is manylinux and `auditwheel show` agrees; the metadata has an SPDX license
expression with its license files, the README as description, project URLs, classifiers and
keywords; the wheel ships the type stubs and py.typed; the sdist carries the Rust sources, the
build backend and the stubs. Run by the test command after it builds the sdist and, from it,
the wheel:

    python coaching-py/check_package.py DIST_DIR
"""

import email
import re
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

dist = Path(sys.argv[1])
wheel = next(dist.glob("coaching-*.whl"))
sdist = next(dist.glob("coaching-*.tar.gz"))
failed = 0


def check(cond, what):
    global failed
    print(("ok   " if cond else "FAIL ") + what)
    failed += not cond


tag = wheel.name.removesuffix(".whl").split("-")[-1]
check(re.fullmatch(r"manylinux_\d+_\d+_x86_64|manylinux_\d+_\d+_aarch64", tag) is not None, f"the wheel is tagged {tag}")
show = subprocess.run([sys.executable, "-m", "auditwheel", "show", str(wheel)], capture_output=True, text=True)
consistent = re.search(r'consistent\s+with\s+the\s+following\s+platform\s+tag:\s+"([^"]+)"', show.stdout)
check(show.returncode == 0 and consistent is not None and consistent.group(1) == tag,
      f"auditwheel show: consistent with {consistent.group(1) if consistent else '?'}")

with zipfile.ZipFile(wheel) as z:
    names = z.namelist()
    meta = email.message_from_bytes(z.read(next(n for n in names if n.endswith(".dist-info/METADATA"))))
check(meta["License-Expression"] == "MIT OR Apache-2.0", f"SPDX License-Expression: {meta['License-Expression']}")
check(sorted(meta.get_all("License-File") or []) == ["LICENSE-APACHE", "LICENSE-MIT"]
      and any(n.endswith("licenses/LICENSE-MIT") for n in names) and any(n.endswith("licenses/LICENSE-APACHE") for n in names),
      "both license files in the wheel")
urls = dict(u.split(", ", 1) for u in meta.get_all("Project-URL") or [])
check({"Homepage", "Repository", "Documentation", "Issues", "Changelog"} <= set(urls), f"project URLs: {', '.join(sorted(urls))}")
classifiers = meta.get_all("Classifier") or []
check(any(c.startswith("Programming Language :: Python :: 3.1") for c in classifiers) and "Typing :: Typed" in classifiers
      and any(c.startswith("Development Status") for c in classifiers), f"{len(classifiers)} classifiers")
check(bool(meta["Keywords"]) and bool(meta["Summary"]) and meta["Requires-Python"] == ">=3.11", "summary, keywords, Requires-Python")
body = meta.get_payload()
check(meta["Description-Content-Type"].startswith("text/markdown") and "import coaching" in body, "the README is the description")
for f in ["coaching/py.typed", "coaching/_coaching.pyi", "coaching/_enums.pyi", "coaching/__init__.py"]:
    check(f in names, f"the wheel ships {f}")

with tarfile.open(sdist) as t:
    members = [m.name.split("/", 1)[1] for m in t.getmembers() if "/" in m.name]
for f in ["PKG-INFO", "pyproject.toml", "build_backend.py", "Cargo.lock", "coaching-core/src/lib.rs",
          "coaching-py/src/lib.rs", "python/coaching/_coaching.pyi", "LICENSE-MIT", "LICENSE-APACHE"]:
    check(f in members, f"the sdist carries {f}")

print("FAILED" if failed else "the Python package checks pass")
sys.exit(1 if failed else 0)
