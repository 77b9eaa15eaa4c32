#!/usr/bin/env python3
"""Seeds the sanitizer fuzz corpus from the XSS payload list used by the tests.

Reads coaching-core/tests/data/xss-payloads.json (a JSON list whose items are payload
strings or objects with a "payload" string) and writes each payload, UTF-8 encoded, to
fuzz/corpus/sanitizer/payload-NNN (NNN = its index in the list). Files from an earlier run
(payload-*) are removed first, so the corpus follows the list; the hand-written seeds (other
names) are left alone.

Usage: python3 fuzz/seed_from_payloads.py [PAYLOADS_JSON]   (from any directory)
"""

import json
import pathlib
import sys

FUZZ = pathlib.Path(__file__).resolve().parent
DEFAULT_SOURCE = FUZZ.parent / "coaching-core" / "tests" / "data" / "xss-payloads.json"
CORPUS = FUZZ / "corpus" / "sanitizer"
# The committed corpus stays small: payloads are short, so this is only a guard.
MAX_TOTAL_BYTES = 2 * 1024 * 1024


def payloads(items):
    for i, item in enumerate(items):
        if isinstance(item, str):
            yield i, item
        elif isinstance(item, dict) and isinstance(item.get("payload"), str):
            yield i, item["payload"]
        else:
            print(f"skipping item {i}: no payload string", file=sys.stderr)


def main():
    source = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SOURCE
    if not source.is_file():
        print(f"{source} does not exist: nothing to do", file=sys.stderr)
        return 0
    items = json.loads(source.read_text(encoding="utf-8"))
    if not isinstance(items, list):
        print(f"{source}: expected a JSON list", file=sys.stderr)
        return 1
    CORPUS.mkdir(parents=True, exist_ok=True)
    for old in CORPUS.glob("payload-*"):
        old.unlink()
    width = max(3, len(str(max(len(items) - 1, 0))))
    written = total = 0
    for i, payload in payloads(items):
        data = payload.encode("utf-8", errors="surrogatepass")
        if total + len(data) > MAX_TOTAL_BYTES:
            print(f"stopping at item {i}: the corpus would pass {MAX_TOTAL_BYTES} bytes",
                  file=sys.stderr)
            break
        (CORPUS / f"payload-{i:0{width}d}").write_bytes(data)
        written += 1
        total += len(data)
    print(f"wrote {written} payloads ({total} bytes) from {source} to {CORPUS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
