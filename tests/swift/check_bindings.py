"""Checks that the generated uniffi bindings cover the exported API.

There is no Swift toolchain on these machines, so the Swift bindings are checked as text:
the source, the C header and the modulemap exist, and every exported method, function,
record, enum and error variant of coaching-ffi's uniffi layer appears in them (and in the
Kotlin bindings). Prints "N passed, N failed".

    python3 tests/swift/check_bindings.py BINDINGS_DIR
"""

import re
import sys
from pathlib import Path

root = Path(__file__).resolve().parents[2]
out = Path(sys.argv[1])
mobile = root / "coaching-ffi" / "src" / "mobile"
api = "".join(p.read_text() for p in sorted(mobile.rglob("*.rs")))

swift = (out / "swift" / "Coaching.swift").read_text()
header = (out / "swift" / "CoachingFFI.h").read_text()
modulemap = (out / "swift" / "CoachingFFI.modulemap").read_text()
kotlin = next((out / "kotlin").rglob("coaching.kt")).read_text()

passed = failed = 0


def check(cond: bool, what: str) -> None:
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print(f"FAIL: {what}", file=sys.stderr)


def camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(p[:1].upper() + p[1:] for p in rest)


def exported_methods(source: str) -> list[tuple[str, str]]:
    """(object, method) for every method of every `#[uniffi::export] impl Object` block."""
    found = []
    for m in re.finditer(r"#\[uniffi::export\]\nimpl (\w+) \{\n", source):
        depth, i = 1, m.end()
        while depth:
            depth += {"{": 1, "}": -1}.get(source[i], 0)
            i += 1
        # `new` is the primary constructor: Kotlin `ManualClock(…)`, Swift `init(…)`.
        found += [(m.group(1), f) for f in re.findall(r"^    pub fn (\w+)\(", source[m.end():i], re.M) if f != "new"]
    return found


methods = exported_methods(api)
functions = re.findall(r"#\[uniffi::export\]\npub fn (\w+)\(", api)
records = re.findall(r"uniffi::Record\)\]\npub struct (\w+)", api)
enums = re.findall(r"uniffi::Enum\)\]\npub enum (\w+)", api) + re.findall(r"mirror_enum!\(/// .*?\n\s+(\w+) <->", api)
errors = re.findall(r"^    (\w+) \{", api[api.index("pub enum CoachingError"):api.index("impl From<core::Error>")], re.M)

check(len(methods) > 80, f"found the exported methods ({len(methods)})")
for obj, m in methods:
    # Swift backquotes names that are keywords (`open`).
    check(re.search(rf"\bfunc `?{camel(m)}`?\(", swift) is not None, f"Swift has {obj}.{camel(m)}")
    check(f"fun `{camel(m)}`(" in kotlin, f"Kotlin has {obj}.{camel(m)}")
for f in functions:
    check(re.search(rf"public func {camel(f)}\(", swift) is not None, f"Swift has func {camel(f)}")
for r in records:
    check(f"public struct {r}" in swift, f"Swift has struct {r}")
    check(f"data class {r}" in kotlin, f"Kotlin has data class {r}")
for e in enums:
    check(f"public enum {e}" in swift, f"Swift has enum {e}")
for v in errors:
    check(re.search(rf"case {v}\(", swift) is not None, f"Swift CoachingError has case {v}")
    check(f"class {v}(" in kotlin, f"Kotlin CoachingException has {v}")
check("open class CoachingLibrary" in swift, "Swift has the CoachingLibrary class")
check("uniffi_coaching_fn_method_coachinglibrary_overview_for_practice" in header, "the header declares the FFI functions")
check("module CoachingFFI" in modulemap and "CoachingFFI.h" in modulemap, "the modulemap names the header")
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
