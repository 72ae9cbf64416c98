"""The default extraction form: the study characteristics most realist reviews extract.

The worked example extracts "objectives, study location, design, and participants" for each
paper (Knight et al. 2024, Data Extraction). A review's form is data in the review
(:class:`~realistsynth.model.FieldDefinition`), so a team adds its own fields beside these with
:meth:`~realistsynth.Review.define_field`; this module only saves typing the usual four.
"""

from __future__ import annotations

from realistsynth.model.extraction import FieldDefinition, FieldType
from realistsynth.model.review import Review

__all__ = ["DEFAULT_FORM", "install_default_form"]

#: The default study-characteristic fields, in the order a form shows them.
DEFAULT_FORM: tuple[FieldDefinition, ...] = (
    FieldDefinition(
        "objectives", "Objectives", FieldType.TEXT, help="What the study set out to do."
    ),
    FieldDefinition(
        "location", "Location", FieldType.TEXT, help="Where the study took place (country, system)."
    ),
    FieldDefinition(
        "design", "Design", FieldType.TEXT, help="Study design (qualitative, mixed methods ...)."
    ),
    FieldDefinition(
        "participants", "Participants", FieldType.TEXT, help="Who took part, and how many."
    ),
)


def install_default_form(review: Review) -> tuple[str, ...]:
    """Define the :data:`DEFAULT_FORM` fields the review does not define yet.

    Fields the review already defines (perhaps with its own allowed values) are left alone, so
    calling this twice, or after customising a field, is safe.

    :return: the names of the fields added.
    """
    added = []
    for definition in DEFAULT_FORM:
        if definition.name not in review.extraction_fields:
            review.define_field(definition)
            added.append(definition.name)
    return tuple(added)
