"""fieldapp's own checks, on top of pyxform's: what pyxform converts but cannot run.

pyxform passes expressions through to the XForm as text; ODK Validate (Java) would catch
some of them later. fieldapp has no Java at run time, so it parses every expression with its
own parser, and refuses a ``default`` that is not a valid answer, a ``choice_filter`` on a
question that has no choices, and calculation/relevance cycles. Each problem is located by
survey row (docs/forms.md, "Where fieldapp and pyxform differ").
"""

from __future__ import annotations

from collections.abc import Callable

from fieldapp.errors import FormError
from fieldapp.forms.expressions import Expr, ExpressionError, parse
from fieldapp.forms.model import Form, Group, Question
from fieldapp.forms.paths import FormIndex
from fieldapp.messages import msg

SURVEY = "survey"
_COLUMNS = ("relevant", "constraint", "calculation", "required", "choice_filter")

Add = Callable[[FormError], None]


#: The short problem codes of the reader (``FormError.code``), kept from the old reader.
_SHORT = {"form.self_dependency": "cycle", "form.bare_name": "bad-expression",
          "form.choice_filter_without_choices": "bad-value"}


def _error(code: str, row: int, **params) -> FormError:
    short = _SHORT.get(code) or code.split(".", 1)[1].replace("_", "-")
    return FormError(short, msg(code, **params), SURVEY, row)


def dependencies(expr: Expr, index: FormIndex, context: str) -> set[str]:
    """Keys of the nodes an expression reads: its ``${x}`` and the paths it resolves."""
    out = set(expr.references())
    for path in expr.paths():
        key = index.resolve(path, context)
        if key is not None:
            out.add(key)
    return out


def check_expressions(form: Form, dynamic_defaults: set[str], add: Add,
                      warn: Callable[[object], None] = lambda m: None) -> dict[tuple[str, str], Expr]:
    parsed: dict[tuple[str, str], Expr] = {}

    def check(node: Question | Group, column: str, text: str | None) -> None:
        if not text:
            return
        try:
            expr = parse(text)
        except ExpressionError as exc:
            add(_error("form.bad_expression", node.row, column=column, expression=text,
                       reason=exc.message, position=exc.position + 1))
            return
        parsed[(node.name, column)] = expr
        if column != "choice_filter":
            # A bare name is a child path of the question (empty in ODK, so '' here too):
            # pyxform and JavaRosa accept it, so it is a warning, never a refusal.
            for bare in sorted(expr.names()):
                warn(msg("form.at_row", sheet=SURVEY, row=node.row, problem=msg(
                    "form.bare_name", column=column, expression=text, name=bare)))

    for node in form.nodes():
        check(node, "relevant", node.relevant)
        if isinstance(node, Group):
            check(node, "repeat_count", node.repeat_count)
            continue
        check(node, "constraint", node.constraint)
        check(node, "calculation", node.calculation)
        if node.required not in (None, "true()"):
            check(node, "required", node.required)
        check(node, "choice_filter", node.choice_filter)
        if node.name in dynamic_defaults:
            check(node, "default", node.default)
    return parsed


def check_questions(form: Form, dynamic_defaults: set[str], add: Add) -> None:
    from fieldapp.forms.values import coerce

    for q in form.questions():
        if q.choice_filter and not q.is_select:
            add(_error("form.choice_filter_without_choices", q.row, type=q.type))
        if q.default is None or q.name in dynamic_defaults or not q.holds_answer:
            continue
        names = form.choice_lists[q.list_name].names() if q.list_name in form.choice_lists else ()
        try:
            coerce(q, q.default, names)
        except (ValueError, TypeError):
            add(_error("form.bad_default", q.row, default=q.default, type=q.type))


def check_cycles(form: Form, parsed: dict[tuple[str, str], Expr], add: Add) -> None:
    """Calculations and relevance must not depend on themselves (ODK: a cycle is a form error).

    A question depends on what its calculation reads and on what decides its relevance:
    its own relevant and those of every enclosing group.
    """
    index = FormIndex.of(form)
    deps: dict[str, set[str]] = {}
    rows: dict[str, int] = {}

    def reads(node: Question | Group, column: str) -> set[str]:
        expr = parsed.get((node.name, column))
        return dependencies(expr, index, node.name) if expr is not None else set()

    def visit(group: Group, inherited: frozenset[str]) -> None:
        for node in group.children:
            own = inherited | reads(node, "relevant")
            if isinstance(node, Group):
                visit(node, frozenset(own))
                continue
            deps[node.name] = set(own | reads(node, "calculation"))
            rows[node.name] = node.row

    visit(form.root, frozenset())
    order = {name: i for i, name in enumerate(rows)}
    for component in strongly_connected(deps):
        if len(component) == 1:
            (only,) = component
            if only not in deps.get(only, ()):
                continue
        members = sorted(component, key=order.__getitem__)
        first = members[0]
        if len(members) == 1:
            add(_error("form.self_dependency", rows[first], name=first))
        else:
            add(_error("form.cycle", rows[first], chain=" -> ".join(members + [first]),
                       rows=", ".join(str(rows[m]) for m in members)))


def strongly_connected(graph: dict[str, set[str]]) -> list[set[str]]:
    """Tarjan's algorithm, iterative (forms can be long; no recursion limit surprises)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    result: list[set[str]] = []
    counter = 0
    for start in graph:
        if start in index:
            continue
        work = [(start, iter(sorted(graph.get(start, ()))))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            advanced = False
            for child in children:
                if child not in graph:
                    continue
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                    advanced = True
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component: set[str] = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == node:
                        break
                result.append(component)
    return result
