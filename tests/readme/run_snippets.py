"""Runs the README's code snippets as a reader would paste them (the Rust ones run as doctests).

- ```python blocks: run with this interpreter (the `coaching` wheel installed), each in a fresh
  directory.
- ```c blocks: compiled with `cc -std=c11 -Wall -Wextra -Werror` against include/ and
  target/debug/libcoaching.so, and run (under valgrind when present).
- ```kotlin blocks: compiled with kotlinc against the generated Kotlin bindings and JNA, and run.
- ```sh blocks that call uniffi-bindgen: run as written, with the output directory moved into
  a temporary one, and the generated sources checked to exist.

Every snippet must exit 0 and print what its comments promise (checked per language below).

    python tests/readme/run_snippets.py --kotlinc PATH --bindings target/bindings
"""

import argparse
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[2]
LIB_DIR = ROOT / "target/debug"
JNA = "/usr/share/java/jna.jar"


def blocks(lang: str) -> list[str]:
    text = (ROOT / "README.md").read_text()
    return re.findall(rf"^```{lang}\n(.*?)^```$", text, re.M | re.S)


def run(cmd, cwd, what, env_extra=None):
    out = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f"{what}: {' '.join(map(str, cmd))} exited {out.returncode}\n{out.stdout}\n{out.stderr}")
    return out.stdout


def expect(output: str, pattern: str, what: str, results: list):
    ok = re.search(pattern, output, re.M) is not None
    results.append(ok)
    print(f"{'ok  ' if ok else 'FAIL'} {what}: /{pattern}/")
    if not ok:
        print(output)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--kotlinc", required=True)
    ap.add_argument("--bindings", required=True)
    args = ap.parse_args()
    args.kotlinc = str(pathlib.Path(args.kotlinc).resolve())
    results: list[bool] = []

    for i, code in enumerate(blocks("python")):
        with tempfile.TemporaryDirectory() as d:
            (pathlib.Path(d) / "snippet.py").write_text(code)
            out = run([sys.executable, "snippet.py"], d, f"python snippet {i}")
            expect(out, r"^upgrade: 1 of 1 active$", f"python snippet {i}", results)
            expect(out, r"^Carla 0/16 active not_started$", f"python snippet {i} overview", results)

    valgrind = shutil.which("valgrind")
    for i, code in enumerate(blocks("c")):
        with tempfile.TemporaryDirectory() as d:
            src = pathlib.Path(d) / "main.c"
            src.write_text(code)
            run(["cc", "-std=c11", "-Wall", "-Wextra", "-Werror", f"-I{ROOT / 'include'}", str(src),
                 f"-L{LIB_DIR}", "-lcoaching", f"-Wl,-rpath,{LIB_DIR}", "-o", "main"], d, f"c snippet {i}: compile")
            cmd = ([valgrind, "--quiet", "--leak-check=full", "--error-exitcode=1"] if valgrind else []) + ["./main"]
            out = run(cmd, d, f"c snippet {i}")
            expect(out, r"^upgrade: 1 of 1 active$", f"c snippet {i}", results)
            expect(out, r"^Carla 0/16 TBD$", f"c snippet {i} overview", results)

    for i, code in enumerate(blocks("sh")):
        if "uniffi-bindgen" not in code:
            continue
        with tempfile.TemporaryDirectory() as d:
            for line in code.strip().splitlines():
                line = line.replace("out/", f"{d}/")
                run(["bash", "-c", line], ROOT, f"sh snippet {i}: {line}")
            for generated in ["kotlin/dev/coaching/coaching.kt", "swift/Coaching.swift"]:
                ok = (pathlib.Path(d) / generated).is_file()
                results.append(ok)
                print(f"{'ok  ' if ok else 'FAIL'} sh snippet {i} generates {generated}")

    kt_bindings = next(pathlib.Path(args.bindings).glob("kotlin/**/coaching.kt"))
    for i, code in enumerate(blocks("kotlin")):
        with tempfile.TemporaryDirectory() as d:
            (pathlib.Path(d) / "Main.kt").write_text(code)
            run([args.kotlinc, "-nowarn", "Main.kt", str(kt_bindings), "-cp", JNA, "-include-runtime", "-d", "app.jar"],
                d, f"kotlin snippet {i}: compile")
            out = run(["java", f"-Djna.library.path={LIB_DIR}", "-cp", f"app.jar:{JNA}", "MainKt"], d, f"kotlin snippet {i}")
            expect(out, r"^upgrade: 1 of 1 active$", f"kotlin snippet {i}", results)
            expect(out, r"^Carla 0/16 ACTIVE$", f"kotlin snippet {i} overview", results)

    passed = sum(results)
    print(f"{passed} passed, {len(results) - passed} failed")
    return 0 if all(results) and results else 1


if __name__ == "__main__":
    sys.exit(main())
