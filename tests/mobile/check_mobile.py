"""Checks the inputs of the mobile packaging scripts, which cannot run on these machines (no
Android SDK or NDK, no Mac, no Swift): scripts/build-android.sh and scripts/build-xcframework.sh.

- Both scripts parse, and here (tools missing) stop with exit code 3 naming what is missing,
  rather than failing half-way.
- Android: the module's manifest is XML, its Gradle namespace is the Kotlin package of
  uniffi.toml, the JNA AAR is a dependency, the jniLibs and Kotlin source folders the script
  writes are the ones Gradle reads, and every ABI the script builds maps to a Rust target
  rustup knows under its Android name.
- Apple: Package.swift's binary target and Swift target carry the module names of uniffi.toml
  and the paths the script writes; the generated Swift bindings import that FFI module and the
  modulemap declares it; the script's Rust targets exist.
Prints one line per check and "N passed, N failed".

    python3 tests/mobile/check_mobile.py BINDINGS_DIR
"""

import re
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

root = Path(__file__).resolve().parents[2]
bindings = Path(sys.argv[1])
passed = failed = 0


def check(cond: bool, what: str) -> None:
    global passed, failed
    print(("ok   " if cond else "FAIL ") + what)
    if cond:
        passed += 1
    else:
        failed += 1


uniffi = tomllib.loads((root / "coaching-ffi/uniffi.toml").read_text())["bindings"]
rust_targets = set(subprocess.run(["rustup", "target", "list"], capture_output=True, text=True).stdout.split())
rust_targets = {t for t in rust_targets if not t.startswith("(")}

for script in ["build-android.sh", "build-xcframework.sh"]:
    path = root / "scripts" / script
    check(subprocess.run(["bash", "-n", str(path)]).returncode == 0, f"{script} parses")
    run = subprocess.run(["bash", str(path)], capture_output=True, text=True, timeout=60)
    if run.returncode == 3:
        check("cannot build here; missing:" in run.stderr, f"{script} stops before building, naming what is missing")
    else:
        check(run.returncode == 0, f"{script} ran (its tools are installed here): exit {run.returncode}\n{run.stderr[-2000:]}")

# Android.
android = (root / "scripts/build-android.sh").read_text()
module = root / "android/coaching"
manifest = ET.parse(module / "src/main/AndroidManifest.xml").getroot()
check(manifest.tag == "manifest", "AndroidManifest.xml is a <manifest>")
gradle = (module / "build.gradle.kts").read_text()
namespace = re.search(r'namespace\s*=\s*"([^"]+)"', gradle)
check(namespace is not None and namespace.group(1) == uniffi["kotlin"]["package_name"],
      f"the module's namespace is the bindings' package {uniffi['kotlin']['package_name']}")
check(re.search(r'"net\.java\.dev\.jna:jna:[0-9.]+@aar"', gradle) is not None, "the module depends on JNA's AAR")
check('jniLibs.srcDirs("src/main/jniLibs")' in gradle and 'jni="$module/src/main/jniLibs"' in android,
      "the script writes the jniLibs folder Gradle reads")
check('java.srcDirs("src/main/kotlin")' in gradle and 'kotlin_out="$module/src/main/kotlin"' in android,
      "the script writes the Kotlin sources where Gradle reads them")
check('module="$root/android/coaching"' in android and (root / "android/settings.gradle.kts").read_text().count('include(":coaching")') == 1,
      "the script's module is the one settings.gradle.kts includes")
abi_map = dict(re.findall(r"\[([\w-]+)\]=([\w-]+)", android))
check(set(abi_map) == {"arm64-v8a", "armeabi-v7a", "x86_64", "x86"}, f"the script builds Android's four ABIs: {sorted(abi_map)}")
for abi, target in abi_map.items():
    check(target in rust_targets and "android" in target, f"ABI {abi} builds Rust target {target}, which rustup knows")
check("--features uniffi,bundled" in android, "the Android library keeps the uniffi scaffolding and SQLite compiled in")

# Apple.
package = (root / "Package.swift").read_text()
xcf = (root / "scripts/build-xcframework.sh").read_text()
ffi_module = uniffi["swift"]["ffi_module_name"]
swift_module = uniffi["swift"]["module_name"]
binary = re.search(r'\.binaryTarget\(name:\s*"([^"]+)",\s*path:\s*"([^"]+)"\)', package)
target = re.search(r'\.target\(name:\s*"([^"]+)",\s*dependencies:\s*\["([^"]+)"\],\s*path:\s*"([^"]+)"\)', package)
check(binary is not None and binary.group(1) == ffi_module, f"Package.swift's binary target is {ffi_module}")
check(binary is not None and f'framework="$root/{binary.group(2)}"' in xcf,
      "the script writes the XCFramework where Package.swift reads it")
check(target is not None and target.group(1) == swift_module and target.group(2) == ffi_module,
      f"Package.swift's Swift target is {swift_module}, over {ffi_module}")
check(target is not None and f'swift_out="$root/{target.group(3)}"' in xcf and (root / target.group(3)).is_dir(),
      "the script writes Coaching.swift into the Swift target's folder")
check(f'.library(name: "{swift_module}", targets: ["{swift_module}"])' in package, "the package's product is the library Coaching")
swift = (bindings / "swift" / f"{swift_module}.swift").read_text()
modulemap = (bindings / "swift" / f"{ffi_module}.modulemap").read_text()
check(re.search(rf"import {ffi_module}\b", swift) is not None, f"the generated Swift imports {ffi_module}")
check(re.search(rf"module {ffi_module}\b", modulemap) is not None and f'header "{ffi_module}.h"' in modulemap,
      f"the generated modulemap declares {ffi_module} over {ffi_module}.h (copied as module.modulemap)")
for t in re.findall(r"(?:device=|sims=\()([\w\- ]+)", xcf):
    for name in t.split():
        check(name in rust_targets and "apple-ios" in name, f"the XCFramework builds Rust target {name}, which rustup knows")

print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
