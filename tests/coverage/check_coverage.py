"""Every public operation of `coaching_core::Coaching`, on every surface.

Lists the public methods of `impl Coaching` in `coaching-core/src/service/` (the single source
of what the library can do) and checks that each one is in the C header (`include/coaching.h`),
the compiled Python module (`coaching.Coaching`, or a module function for constructors) and
the uniffi interface as generated for Kotlin and Swift. Fails naming each missing operation and
the surface it is missing from.

    python tests/coverage/check_coverage.py target/bindings   # with `coaching` importable
"""

import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]

# Where a surface names an operation differently from the core (or folds it into another), and
# why. Anything not listed here must appear under its own name (C: `coaching_<name>`, Python:
# `<name>`, Kotlin and Swift: `<camelCase name>`).
RENAMED = {
    # Constructors: a C function, a Python module function, a Kotlin/Swift constructor.
    "new": None,  # `Coaching::new(store)`: a Rust store type; the bindings open by path or in memory
    # A library on a clock the host sets (its tests): a ManualClock handle passed when opening.
    "with_clock": {"c": ["coaching_open_with_clock", "coaching_open_in_memory_with_clock", "coaching_clock_new",
                         "coaching_clock_set", "coaching_clock_advance"],
                   "py": ["ManualClock"],  # coaching.open(path, clock=...), coaching.in_memory(clock=...)
                   "kt": ["openWithClock", "inMemoryWithClock", "set", "advance"],
                   "swift": ["openWithClock", "inMemoryWithClock", "set", "advance"]},
    # Status changes: C, Kotlin and Swift have the one call with the target status.
    "activate": {"c": ["coaching_set_status"], "py": ["activate"], "kt": ["setStatus"], "swift": ["setStatus"]},
    "deactivate": {"c": ["coaching_set_status"], "py": ["deactivate"], "kt": ["setStatus"], "swift": ["setStatus"]},
    "complete": {"c": ["coaching_set_status"], "py": ["complete"], "kt": ["setStatus"], "swift": ["setStatus"]},
    # A file from the library or an upload: C has one function per source (no tagged unions).
    "add_assignment_file": {"c": ["coaching_add_assignment_file_from_library", "coaching_add_assignment_file_upload"],
                            "py": ["add_assignment_file"], "kt": ["addAssignmentFile"], "swift": ["addAssignmentFile"]},
    # Python: share_note / unshare_note read better than a boolean argument.
    "set_note_shared": {"c": ["coaching_set_note_shared"], "py": ["share_note", "unshare_note"],
                        "kt": ["setNoteShared"], "swift": ["setNoteShared"]},
    # Python: archive_client / restore_client read better than a boolean argument.
    "set_client_archived": {"c": ["coaching_set_client_archived"], "py": ["archive_client", "restore_client"],
                            "kt": ["setClientArchived"], "swift": ["setClientArchived"]},
    "set_journal_entry_shared": {"c": ["coaching_set_journal_entry_shared"],
                                 "py": ["share_journal_entry", "unshare_journal_entry"],
                                 "kt": ["setJournalEntryShared"], "swift": ["setJournalEntryShared"]},
    # Python: a property with a setter.
    "set_max_file_bytes": {"c": ["coaching_set_max_file_bytes"], "py": ["max_file_bytes"],
                           "kt": ["setMaxFileBytes"], "swift": ["setMaxFileBytes"]},
    "open": {"c": ["coaching_open"], "py": ["open"], "kt": ["open"], "swift": ["open"]},
    # Opening a PostgreSQL database by URL: the bindings' `open` takes the URL (Rust has both).
    "connect": {"c": ["coaching_open"], "py": ["open"], "kt": ["open"], "swift": ["open"]},
    "in_memory": {"c": ["coaching_open_in_memory"], "py": ["in_memory"], "kt": ["inMemory"], "swift": ["inMemory"]},
}


def core_operations() -> list[str]:
    ops = []
    for path in sorted((ROOT / "coaching-core/src/service").glob("**/*.rs")):
        text = path.read_text()
        for block in re.finditer(r"^impl Coaching \{\n", text, re.M):
            depth, i = 1, block.end()
            start = i
            while depth and i < len(text):
                depth += {"{": 1, "}": -1}.get(text[i], 0)
                i += 1
            body = text[start:i]
            # Methods at the first level of the impl block only.
            ops += re.findall(r"^    pub fn (\w+)", body, re.M)
    return ops


def camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(p.title() for p in rest)


def main() -> int:
    bindings = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "target/bindings")
    header = (ROOT / "include/coaching.h").read_text()
    c_names = set(re.findall(r"\b(coaching_\w+)\(", header))
    import coaching
    import coaching._coaching as compiled
    py_names = {n for n in dir(compiled.Coaching) if not n.startswith("_")} | {
        n for n in dir(coaching) if not n.startswith("_")}
    kotlin = next(bindings.glob("kotlin/**/coaching.kt")).read_text()
    kt_names = set(re.findall(r"\bfun `?(\w+)`?\(", kotlin))
    swift = next(bindings.glob("swift/**/*.swift")).read_text()
    swift_names = set(re.findall(r"\bfunc `?(\w+)`?\(", swift))
    surfaces = {"c": c_names, "py": py_names, "kt": kt_names, "swift": swift_names}
    ops = core_operations()
    missing = []
    checked = 0
    for op in ops:
        wanted = RENAMED.get(op, {"c": [f"coaching_{op}"], "py": [op], "kt": [camel(op)], "swift": [camel(op)]})
        if wanted is None:
            continue
        for surface, names in wanted.items():
            for name in names:
                checked += 1
                if name not in surfaces[surface]:
                    missing.append(f"{op}: `{name}` missing from {surface}")
    print(f"{len(ops)} operations of Coaching; {checked} surface checks; {len(missing)} missing")
    for m in missing:
        print("  MISSING", m)
    print(f"{checked - len(missing)} passed, {len(missing)} failed")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
