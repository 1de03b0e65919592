"""Import rules that import-linter's built-in contract types cannot say, checked by `lint-imports`
(registered under `contract_types` in pyproject.toml).

- `ui_features`: a feature package inside `app.ui` (enterprises, matters, letters...) may use another
  feature only through its public face: never a module or a name starting with `_`. The shared
  packages (`shell`, `widgets`) are open to all.
- `external_submodule`: a submodule of an outside package (e.g. `PySide6.QtWidgets`) may be imported only
  from the listed packages. The built-in `forbidden` contract sees outside packages only whole."""

from __future__ import annotations

import re
from typing import Any

from grimp import ImportGraph
from importlinter import Contract, ContractCheck, fields, output

_NAMES = re.compile(r"import\s+\(?([^)#]*)")


def _private(module: str, start: int) -> bool:
    return any(part.startswith("_") and not part.startswith("__") for part in module.split(".")[start:])


def _imported_names(line: str) -> list[str]:
    match = _NAMES.search(line)
    if not match:
        return []
    return [name.split(" as ")[0].strip() for name in match.group(1).split(",") if name.strip()]


class UiFeaturesContract(Contract):
    container = fields.StringField()
    shared = fields.ListField(subfield=fields.StringField())

    def check(self, graph: ImportGraph, verbose: bool) -> ContractCheck:
        container = str(self.container)
        shared = {str(s) for s in self.shared}  # type: ignore[attr-defined]
        depth = container.count(".") + 1

        def feature(module: str) -> str | None:
            parts = module.split(".")
            if not module.startswith(container + ".") or len(parts) <= depth + 1:
                return None  # the container itself, or a loose module at its top (features.py)
            return parts[depth]

        broken: list[dict[str, Any]] = []
        for importer in sorted(graph.find_descendants(container)):
            own = feature(importer)
            if own is None:
                continue
            for imported in sorted(graph.find_modules_directly_imported_by(importer)):
                other = imported.split(".")[depth] if imported.startswith(container + ".") else None
                if other is None or other == own or other in shared:
                    continue
                details = graph.get_import_details(importer=importer, imported=imported)
                for detail in details:
                    names = [n for n in _imported_names(detail["line_contents"]) if n.startswith("_")]
                    if _private(imported, depth) or names:
                        broken.append(
                            {
                                "importer": importer,
                                "imported": imported,
                                "line": detail["line_number"],
                                "text": detail["line_contents"],
                            }
                        )
        return ContractCheck(kept=not broken, metadata={"broken": broken})

    def render_broken_contract(self, check: ContractCheck) -> None:
        for item in check.metadata["broken"]:
            output.print_error(
                f"{item['importer']}:{item['line']} uses a private part of another feature: {item['text']}",
                bold=False,
            )
        output.new_line()
        output.print("Go through the feature's public face (its __init__ or a module without a leading _).")


class ExternalSubmoduleContract(Contract):
    submodule = fields.StringField()
    allowed = fields.ListField(subfield=fields.StringField())
    root = fields.StringField()

    def check(self, graph: ImportGraph, verbose: bool) -> ContractCheck:
        submodule = str(self.submodule)
        package, _, rest = submodule.partition(".")
        allowed = [str(a) for a in self.allowed]  # type: ignore[attr-defined]
        pattern = re.compile(
            rf"(from\s+{re.escape(submodule)}\b|import\s+{re.escape(submodule)}\b|"
            rf"from\s+{re.escape(package)}\s+import\s+[^#]*\b{re.escape(rest)}\b)"
        )
        broken: list[dict[str, Any]] = []
        if package not in graph.modules:
            return ContractCheck(kept=True, metadata={"broken": broken})
        for importer in sorted(graph.find_modules_that_directly_import(package)):
            if not importer.startswith(str(self.root)):
                continue
            if any(importer == a or importer.startswith(a + ".") for a in allowed):
                continue
            for detail in graph.get_import_details(importer=importer, imported=package):
                if pattern.search(detail["line_contents"]):
                    broken.append(
                        {"importer": importer, "line": detail["line_number"], "text": detail["line_contents"]}
                    )
        return ContractCheck(kept=not broken, metadata={"broken": broken})

    def render_broken_contract(self, check: ContractCheck) -> None:
        for item in check.metadata["broken"]:
            output.print_error(f"{item['importer']}:{item['line']} {item['text']}", bold=False)
        output.new_line()
        output.print(f"Only {', '.join(map(str, self.allowed))} may import {self.submodule}.")  # type: ignore[attr-defined]


class NoCyclesContract(Contract):
    """No module imports itself through others, lazily or not (a cycle makes import order matter)."""

    root = fields.StringField()

    def check(self, graph: ImportGraph, verbose: bool) -> ContractCheck:
        root = str(self.root)
        modules = sorted(m for m in graph.modules if m == root or m.startswith(root + "."))
        index: dict[str, int] = {}
        low: dict[str, int] = {}
        stack: list[str] = []
        on_stack: set[str] = set()
        cycles: list[list[str]] = []
        counter = 0
        for start in modules:
            if start in index:
                continue
            # Tarjan's strongly connected components, iteratively (no recursion limit to hit).
            work: list[tuple[str, list[str]]] = []
            index[start] = low[start] = counter
            counter += 1
            stack.append(start)
            on_stack.add(start)
            work.append((start, sorted(graph.find_modules_directly_imported_by(start))))
            while work:
                node, todo = work[-1]
                if todo:
                    nxt = todo.pop()
                    if not nxt.startswith(root):
                        continue
                    if nxt not in index:
                        index[nxt] = low[nxt] = counter
                        counter += 1
                        stack.append(nxt)
                        on_stack.add(nxt)
                        work.append((nxt, sorted(graph.find_modules_directly_imported_by(nxt))))
                    elif nxt in on_stack:
                        low[node] = min(low[node], index[nxt])
                    continue
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    component: list[str] = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        cycles.append(sorted(component))
        return ContractCheck(kept=not cycles, metadata={"cycles": sorted(cycles)})

    def render_broken_contract(self, check: ContractCheck) -> None:
        for cycle in check.metadata["cycles"]:
            output.print_error("modules importing each other: " + ", ".join(cycle), bold=False)
        output.new_line()
