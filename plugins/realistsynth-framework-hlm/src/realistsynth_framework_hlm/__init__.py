"""The NHS Healthcare Leadership Model as a realistsynth organising framework.

The Healthcare Leadership Model (NHS Leadership Academy, 2013, version 1.0) describes leadership
behaviour in nine dimensions, each judged on a four-part scale from *essential* through
*proficient* and *strong* to *exemplary*. A realist review of NHS leadership can group its CMOCs
by these dimensions, as the worked example groups them by the four themes of *Doing Things
Differently*.

The plugin is one hook implementation returning one frozen value; realistsynth finds it
through the ``realistsynth`` entry point declared in ``pyproject.toml``. The descriptions
summarise each dimension in our own words (the model's text is the Academy's copyright).
"""

from __future__ import annotations

from realistsynth import OrganisingFramework, Theme, hookimpl

__all__ = ["HEALTHCARE_LEADERSHIP_MODEL", "realistsynth_register_frameworks"]

__version__ = "0.1.0"

HEALTHCARE_LEADERSHIP_MODEL = OrganisingFramework(
    name="healthcare-leadership-model",
    title="Healthcare Leadership Model: the nine dimensions of leadership behaviour",
    themes=(
        Theme(
            "inspiring-shared-purpose",
            "Inspiring shared purpose",
            "Acting on the values of the service; curious about improving care; standing up for "
            "what is right.",
        ),
        Theme(
            "leading-with-care",
            "Leading with care",
            "Knowing what the team and its members need and keeping a caring, safe place to work.",
        ),
        Theme(
            "evaluating-information",
            "Evaluating information",
            "Seeking out varied information and evidence to form new ideas and plan improvement.",
        ),
        Theme(
            "connecting-our-service",
            "Connecting our service",
            "Seeing how services, teams and organisations fit together and affect each other.",
        ),
        Theme(
            "sharing-the-vision",
            "Sharing the vision",
            "Communicating a credible picture of the future that others find achievable and "
            "worth working for.",
        ),
        Theme(
            "engaging-the-team",
            "Engaging the team",
            "Involving people and showing that their contributions and ideas count.",
        ),
        Theme(
            "holding-to-account",
            "Holding to account",
            "Agreeing clear goals and quality measures, and supporting people to own results, "
            "with balanced feedback.",
        ),
        Theme(
            "developing-capability",
            "Developing capability",
            "Building people's capability, and one's own, to meet future challenges.",
        ),
        Theme(
            "influencing-for-results",
            "Influencing for results",
            "Choosing how to persuade and build support so that decisions and change happen.",
        ),
    ),
    citation="NHS Leadership Academy (2013), The Healthcare Leadership Model: The nine "
    "dimensions of leadership behaviour, version 1.0, NHS Leadership Academy, Leeds.",
)


@hookimpl
def realistsynth_register_frameworks() -> list[OrganisingFramework]:
    """Contribute the Healthcare Leadership Model to realistsynth."""
    return [HEALTHCARE_LEADERSHIP_MODEL]
