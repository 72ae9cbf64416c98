"""Built-in organising frameworks: NHS North West Leadership Academy's *Doing Things
Differently* system leadership behaviours (the worked example's framework) and a themeless
default for reviews that group CMOCs by no framework."""

from __future__ import annotations

from realistsynth.hookspecs import hookimpl
from realistsynth.model.theory import OrganisingFramework, Theme

__all__ = ["DOING_THINGS_DIFFERENTLY", "THEMELESS", "realistsynth_register_frameworks"]

DOING_THINGS_DIFFERENTLY = OrganisingFramework(
    name="doing-things-differently",
    title="Doing Things Differently: Rethinking Leadership Behaviours",
    themes=(
        Theme("being", "Being", "How leaders are: purpose, self-awareness, reflection."),
        Theme(
            "leading-visioning",
            "Leading & Visioning",
            "Setting and sharing direction; empowering others to decide and solve problems.",
        ),
        Theme(
            "relating-communicating",
            "Relating & Communicating",
            "Building relationships and trust; communicating openly across the system.",
        ),
        Theme(
            "delivering",
            "Delivering",
            "Accountability for outcomes, use of intelligence, learning and innovation.",
        ),
    ),
    citation="NHS North West Leadership Academy (2021), Doing Things Differently: Rethinking "
    "Leadership Behaviours.",
)

THEMELESS = OrganisingFramework(
    name="themeless",
    title="No organising framework (CMOCs not grouped by theme)",
    themes=(),
)


@hookimpl
def realistsynth_register_frameworks() -> list[OrganisingFramework]:
    """The built-in frameworks."""
    return [DOING_THINGS_DIFFERENTLY, THEMELESS]
