"""Extraction forms, heuristics with a review's own definitions, coded extracts."""

from __future__ import annotations

import pytest

import realistsynth as rs
from realistsynth.builtin.heuristics import DALKIN, ICAMO
from realistsynth.synthesis import DEFAULT_FORM, install_default_form


def test_default_form_is_objectives_location_design_participants() -> None:
    review = rs.Review.new("Forms")
    assert install_default_form(review) == ("objectives", "location", "design", "participants")
    assert list(review.extraction_fields) == ["objectives", "location", "design", "participants"]
    assert install_default_form(review) == ()  # a second call changes nothing


def test_default_form_keeps_a_customised_field() -> None:
    review = rs.Review.new("Forms")
    design = rs.FieldDefinition(
        "design", "Design", rs.FieldType.CHOICE, allowed=["qualitative", "mixed methods"]
    )
    review.define_field(design)
    review.define_field(rs.FieldDefinition("year-of-ics", "ICS year", rs.FieldType.INTEGER))
    assert install_default_form(review) == ("objectives", "location", "participants")
    assert review.extraction_fields["design"] is design
    assert len(review.extraction_fields) == len(DEFAULT_FORM) + 1


def test_characteristics_are_checked_against_the_form() -> None:
    review = rs.Review.new("Forms")
    review.add_record(rs.Record("bell2022"))
    install_default_form(review)
    review.define_field(
        rs.FieldDefinition("setting", "Setting", rs.FieldType.CHOICE, allowed=["ICS", "ICP"])
    )
    good = rs.StudyCharacteristics(
        "bell2022",
        {"objectives": "Role of an ICS during COVID-19", "location": "England", "setting": "ICS"},
    )
    review.set_characteristics(good)
    with pytest.raises(rs.InvalidValueError, match=r"setting: 'PCN' is not one of"):
        review.set_characteristics(rs.StudyCharacteristics("bell2022", {"setting": "PCN"}))
    with pytest.raises(rs.InvalidValueError, match="is not of type text"):
        review.set_characteristics(rs.StudyCharacteristics("bell2022", {"location": 3}))
    with pytest.raises(rs.UnknownReferenceError, match="extraction field 'funder'"):
        review.set_characteristics(rs.StudyCharacteristics("bell2022", {"funder": "NIHR"}))
    assert review.characteristics["bell2022"] == good  # failed calls changed nothing
    assert rs.loads(rs.dumps(review)) == review


def test_with_definitions_by_code_and_by_label() -> None:
    adopted = DALKIN.with_definitions(
        {"C": "A condition before the ICS", "Mechanism (reasoning)": "How leaders respond"}
    )
    assert adopted.name == "dalkin"
    c, m_res, m_rea, o = adopted.codes
    assert c.definition == "A condition before the ICS"
    assert m_rea.definition == "How leaders respond"
    assert m_res == DALKIN.codes[1]
    assert o == DALKIN.codes[3]
    original = DALKIN.code("C")
    assert original is not None
    assert original.definition != "A condition before the ICS"


def test_with_definitions_refuses_unknown_codes_and_empty_text() -> None:
    with pytest.raises(ValueError, match=r"no code 'Mechanism' \(codes: \['C', 'M-Res'"):
        DALKIN.with_definitions({"Mechanism": "..."})
    with pytest.raises(ValueError, match="definition of 'O' is empty"):
        DALKIN.with_definitions({"O": "  "})
    defined = ICAMO.with_definitions({"A": "Leaders"}).code("A")
    assert defined is not None
    assert defined.definition == "Leaders"


def test_coded_extract_with_location_and_heuristic_codes() -> None:
    review = rs.Review.new("Extracts")
    review.add_reviewer(rs.Reviewer("LK"))
    review.add_record(rs.Record("gordon2020"))
    review.set_heuristic(DALKIN.with_definitions({"O": "Result of ICS leadership"}))
    extract = rs.CodedExtract(
        "x1",
        "gordon2020",
        "developing processes that support innovation",
        codes=["M-Res"],
        location=rs.Location(page="7", section="Findings"),
        coder="LK",
    )
    review.add_extract(extract)
    assert str(review.extracts["x1"].location) == "p. 7, Findings"
    with pytest.raises(rs.InvalidValueError, match="code 'M' is not one of dalkin's"):
        review.add_extract(rs.CodedExtract("x2", "gordon2020", "text", codes=["M"]))
    # switching to a heuristic without M-Res would strand the extract: refused, nothing changed
    with pytest.raises(rs.InvalidValueError):
        review.set_heuristic(ICAMO)
    assert review.heuristic is not None
    assert review.heuristic.name == "dalkin"
