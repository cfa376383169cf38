"""Where a location path points in a form: ``/data/g/x``, ``../x``, ``current()/../x``.

The index knows each node's parent and children by their XLSForm names, so a path is
resolved the way an XForm engine resolves it against the instance (ODK XForms spec,
"XPath paths"): absolute paths start at the root (its name in the path is the instance
root, ``data`` unless the settings sheet names it), relative ones at the question whose
expression is evaluated. The result is a node key (a question's or group's ``name``).
Repeat instances (issue #13) add an index to each repeat step; the resolution of names
does not change.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from fieldapp.forms.expressions._ast import Path
from fieldapp.forms.model import Form, Group, Question


@dataclass
class FormIndex:
    root: Group
    parent: dict[str, str | None] = field(default_factory=dict)
    children: dict[str | None, dict[str, str]] = field(default_factory=dict)
    nodes: dict[str, Question | Group] = field(default_factory=dict)
    _cache: dict[tuple[int, str | None], str | None] = field(default_factory=dict)

    @classmethod
    def of(cls, form: Form) -> FormIndex:
        cached = form.__dict__.get("_path_index")
        if cached is None:
            cached = cls.build(form.root)
            object.__setattr__(form, "_path_index", cached)
        return cached

    @classmethod
    def build(cls, root: Group) -> FormIndex:
        index = cls(root)
        index.children[None] = {}

        def visit(group: Group, key: str | None) -> None:
            for child in group.children:
                index.nodes[child.name] = child
                index.parent[child.name] = key
                index.children.setdefault(key, {})[_local(child)] = child.name
                if isinstance(child, Group):
                    index.children.setdefault(child.name, {})
                    visit(child, child.name)

        visit(root, None)
        return index

    def resolve(self, path: Path, context: str | None) -> str | None:
        """The key of the node ``path`` selects from ``context`` (None: no such node, or the
        root itself, or a secondary instance, which ``instance_steps`` serves)."""
        if path.instance_name is not None:
            return None
        cache_key = (id(path), context)
        if cache_key in self._cache:
            return self._cache[cache_key]
        result = self._resolve(path, context)
        self._cache[cache_key] = result
        return result

    def _resolve(self, path: Path, context: str | None) -> str | None:
        steps = [s.name for s in path.steps]
        if path.absolute:
            if not steps:
                return None
            steps = steps[1:]  # the instance root element (``data``)
            node: str | None = None
        else:
            node = context
        at_root = path.absolute or node is None
        for step in steps:
            if step == ".":
                continue
            if step == "..":
                if node is None:
                    return None
                node = self.parent.get(node)
                at_root = node is None
                continue
            if node is not None and not isinstance(self.nodes.get(node), Group):
                return None  # a question has no children
            if node is None and not at_root:
                return None
            found = self.children.get(node, {}).get(step)
            if found is None:
                return None
            node, at_root = found, False
        return node


def _local(node: Question | Group) -> str:
    return node.name.rsplit("/", 1)[-1]
