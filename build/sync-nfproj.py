#!/usr/bin/env python3
"""Rewrite the Compile items of .nfproj files from the .cs files in their folder.

Visual Studio's nanoFramework project system needs one explicit <Compile Include> per source file,
while the SDK projects beside them glob. Run this after adding or removing a source file:

    python3 build/sync-nfproj.py            # every .nfproj under src/, boards/, tests/
    python3 build/sync-nfproj.py path.nfproj

tests/Nano.Tests/Platform/ProjectFileTests.cs fails when a .nfproj and its SDK project disagree.
"""
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BLOCK = re.compile(r'(  <ItemGroup Label="Compile">\n)(.*?)(  </ItemGroup>\n)', re.S)


def sources(folder):
    found = []
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if d not in ("bin", "obj"))
        for name in filenames:
            if name.endswith(".cs"):
                rel = os.path.relpath(os.path.join(dirpath, name), folder)
                found.append(rel.replace("/", "\\"))
    return sorted(found, key=str.lower)


def sync(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    items = "".join('    <Compile Include="%s" />\n' % s for s in sources(os.path.dirname(path)))
    new, n = BLOCK.subn(lambda m: m.group(1) + items + m.group(3), text)
    if n != 1:
        sys.exit("%s: needs exactly one <ItemGroup Label=\"Compile\">" % path)
    if new != text:
        with open(path, "w", encoding="utf-8", newline="\r\n" if "\r\n" in text else "\n") as f:
            f.write(new)
        print("updated", os.path.relpath(path, ROOT))


def main():
    targets = sys.argv[1:]
    if not targets:
        for top in ("src", "boards", "tests"):
            for dirpath, dirnames, filenames in os.walk(os.path.join(ROOT, top)):
                dirnames[:] = [d for d in dirnames if d not in ("bin", "obj")]
                targets += [os.path.join(dirpath, n) for n in filenames if n.endswith(".nfproj")]
    for t in sorted(targets):
        sync(os.path.abspath(t))


if __name__ == "__main__":
    main()
