"""The layering of docs/architecture.md, checked against the code (issue 13).

- Every `#include "x.h"` in a library folder (main.cpp, the wiring of an executable, aside) (server/<layer>/, common/, eventloop/,
  desktop-client/...) names a header of the same folder or of a library its CMake target
  links, directly or through others: a lower layer never includes an upper one.
- The libraries' link graph has no cycle (the arrows form a DAG).
- No class over 500 lines (header plus source) in server/, common/, desktop-client/.
- No include cycle between classes (a .h/.cpp pair) in server/, common/, eventloop/,
  desktop-client/.
"""

import re
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FOLDERS = ["common", "eventloop", "desktop-client", "desktop-client/widgets"] + sorted(
    str(p.relative_to(ROOT)) for p in (ROOT / "server").iterdir()
    if p.is_dir() and (p / "CMakeLists.txt").exists())

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)
ADD_LIBRARY = re.compile(r"add_library\(\s*([\w-]+)")
LINK = re.compile(r"target_link_libraries\(\s*([\w-]+)([^)]*)\)", re.S)


def libraries():
    """{target: folder} and {target: set of linked project targets}."""
    owner, links = {}, {}
    for folder in FOLDERS:
        text = re.sub(r"#[^\n]*", "", (ROOT / folder / "CMakeLists.txt").read_text())
        for name in ADD_LIBRARY.findall(text):
            owner[name] = folder
    for folder in FOLDERS:
        text = re.sub(r"#[^\n]*", "", (ROOT / folder / "CMakeLists.txt").read_text())
        for name, rest in LINK.findall(text):
            if name in owner:
                links.setdefault(name, set()).update(
                    t for t in rest.split() if t in owner)
    return owner, links


def closure(target, links):
    seen, stack = set(), [target]
    while stack:
        for dep in links.get(stack.pop(), ()):
            if dep not in seen:
                seen.add(dep)
                stack.append(dep)
    return seen


def sources(folder):
    return sorted(p for p in (ROOT / folder).iterdir() if p.suffix in (".h", ".cpp"))


class Layers(unittest.TestCase):
    def setUp(self):
        self.owner, self.links = libraries()
        self.folder_target = {}
        for target, folder in self.owner.items():
            self.folder_target.setdefault(folder, target)
        self.header_folder = {}
        for folder in FOLDERS:
            for path in sources(folder):
                if path.suffix == ".h":
                    self.header_folder.setdefault(path.name, folder)

    def test_link_graph_is_a_dag(self):
        for target in self.owner:
            self.assertNotIn(target, closure(target, self.links),
                             f"{target} depends on itself through its links")

    def test_includes_follow_the_links(self):
        wrong = []
        for folder in FOLDERS:
            target = self.folder_target.get(folder)
            if target is None:
                continue
            allowed = {self.owner[t] for t in closure(target, self.links)} | {folder}
            for path in sources(folder):
                if path.name == "main.cpp":
                    continue  # an executable's wiring, not part of the folder's library
                for header in INCLUDE.findall(path.read_text()):
                    home = self.header_folder.get(Path(header).name)
                    if home is not None and home not in allowed and not header.endswith(".moc"):
                        wrong.append(f"{path.relative_to(ROOT)} includes {header} ({home}), "
                                     f"which {target} does not link")
        self.assertEqual(wrong, [], "\n".join(wrong))

    def test_no_include_cycles(self):
        # Per class (a .h/.cpp pair): a -> b when a.h or a.cpp includes b.h. A cycle means
        # two classes that call each other (the stream and its worker once did).
        graph = {}
        for folder in FOLDERS:
            for path in sources(folder):
                deps = graph.setdefault(path.stem, set())
                deps.update(Path(h).stem for h in INCLUDE.findall(path.read_text())
                            if Path(h).name in self.header_folder and Path(h).stem != path.stem)
        state, cycles = {}, []

        def visit(node, trail):
            state[node] = "open"
            for dep in sorted(graph.get(node, ())):
                if state.get(dep) == "open":
                    cycles.append(" -> ".join(trail[trail.index(dep):] + [dep]))
                elif dep not in state:
                    visit(dep, trail + [dep])
            state[node] = "done"

        for node in sorted(graph):
            if node not in state:
                visit(node, [node])
        self.assertEqual(cycles, [], "\n".join(cycles))

    def test_classes_stay_small(self):
        # Issue 13: no class over 500 lines, header plus source, in server/, common/ and
        # desktop-client/.
        big = []
        for folder in (f for f in FOLDERS if not f.startswith("eventloop")):
            for header in sources(folder):
                if header.suffix != ".h":
                    continue
                source = header.with_suffix(".cpp")
                lines = len(header.read_text().splitlines())
                if source.exists():
                    lines += len(source.read_text().splitlines())
                if lines > 500:
                    big.append(f"{header.relative_to(ROOT)}: {lines} lines with its source")
        self.assertEqual(big, [], "\n".join(big))

    def test_every_server_folder_is_checked(self):
        # A new layer under server/ must be a library with a CMakeLists.txt of its own.
        for path in (ROOT / "server").iterdir():
            if path.is_dir():
                self.assertIn(str(path.relative_to(ROOT)), FOLDERS)
                self.assertIn(str(path.relative_to(ROOT)), self.folder_target,
                              f"{path} has no add_library()")


if __name__ == "__main__":
    unittest.main()
