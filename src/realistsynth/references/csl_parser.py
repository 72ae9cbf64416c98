"""Parsing a CSL style for citeproc-py with two of its element classes corrected.

citeproc-py builds its element classes into an lxml lookup when it parses a style. We build
the same kind of lookup ourselves, with two subclasses swapped in, *for our parser only*
(subclasses of subclasses are not picked up by citeproc-py's own lookup, so other users of
citeproc-py in the same process are unaffected):

* ``substitute``: citeproc-py suppresses a substituted variable later in the entry only when
  the substitute names it directly; APA, Harvard and most styles substitute through a macro
  (``<text macro="title"/>``), so the title was printed twice for works without authors.
  Here the variables a macro rendered are suppressed too.
* ``label``: citeproc-py skips ``text-case="title"`` when no language is known (always, for
  labels), printing "(ed.)" where APA asks for "(Ed.)".
"""

from __future__ import annotations

from typing import Any

__all__ = ["parse_style"]

_NS = "http://purl.org/net/xbiblio/csl"


def _macro_variables(element: Any, seen: set[str]) -> set[str]:
    names: set[str] = set()
    for node in element.iter():
        if not isinstance(node.tag, str):
            continue
        variable = node.get("variable")
        if variable:
            names.update(variable.split())
        macro = node.get("macro")
        if macro and macro not in seen:
            seen.add(macro)
            names |= _macro_variables(node.get_macro(macro), seen)
    return names


def _repress_rendered(child: Any, item: Any, text: str, context: Any) -> None:
    # suppress, for the rest of the entry, every variable the substitute actually printed
    shown = text.casefold()
    layout = context.get_layout()
    reference = item.reference
    for variable in _macro_variables(child, set()):
        value = reference.get(variable.replace("-", "_"))
        if value is None or not str(value).strip():
            continue
        if str(value).casefold() in shown:
            for tag in ("text", "number"):
                layout.repressed.setdefault(f"{{{_NS}}}{tag}", []).append(variable)


def _element_classes() -> dict[str, type]:
    from citeproc import model

    class FixedSubstitute(model.Substitute):  # type: ignore[misc]
        def render(self, item: Any, context: Any = None, **kwargs: Any) -> Any:
            for child in self.getchildren():
                try:
                    if isinstance(child, model.Names) and child.name is None:
                        names = self.xpath_search("./parent::cs:names[1]")[0]
                        text = child.render(item, names_context=names, context=context, **kwargs)
                    else:
                        text = child.render(item, context=context, **kwargs)
                except model.VariableError:
                    continue
                if text:
                    self.add_to_repressed_list(child, context)
                    _repress_rendered(child, item, str(text), context)
                    return text
            return None

    class FixedLabel(model.Label):  # type: ignore[misc]
        def case(self, text: Any, language: Any = None) -> Any:
            return super().case(text, language or "en")

    return {"substitute": FixedSubstitute, "label": FixedLabel}


def parse_style(path: str, locale: str | None = None) -> Any:
    """A ``citeproc.CitationStylesStyle`` for the style at ``path``, with the fixes above."""
    from citeproc import frontend, model
    from lxml import etree  # type: ignore[import-untyped]

    lookup = etree.ElementNamespaceClassLookup()
    namespace = lookup.get_namespace(_NS)
    namespace[None] = model.CitationStylesElement
    for cls in model.CitationStylesElement.__subclasses__():
        namespace[cls.__name__.replace("_", "-").lower()] = cls
    for tag, cls in _element_classes().items():
        namespace[tag] = cls
    parser = etree.XMLParser(
        remove_comments=True, encoding="UTF-8", no_network=True, resolve_entities=False
    )
    parser.set_element_class_lookup(lookup)
    style = object.__new__(frontend.CitationStylesStyle)
    style.parser = parser
    style.xml = etree.parse(path, parser)
    style.root = style.xml.getroot()
    style.root.set_locale_list(locale or style.root.get("default-locale", "en-US"), validate=False)
    return style
