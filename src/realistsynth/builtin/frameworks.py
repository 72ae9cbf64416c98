"""Built-in organising frameworks: NHS North West Leadership Academy's *Doing Things
Differently* system leadership behaviours (the worked example's framework) and a themeless
default for reviews that group CMOCs by no framework.

*Doing Things Differently* comes from the Academy's System Leadership Behaviours Framework
(developed 2017-2018 with cross-sector leaders and 730 crowdsourced contributions; thirteen
behaviours, issued as System Leadership Behaviour Cards, under four overarching themes). The
Academy lists the themes in the order Being, Relating & Communicating, Leading & Visioning,
Delivering, which is the order kept here (the worked example's Supplementary File 2 puts Leading
& Visioning second). The descriptions summarise the published themes in our own words; the
Being description follows its two published behaviours, authenticity and mindset.
"""

from __future__ import annotations

from realistsynth.hookspecs import hookimpl
from realistsynth.model.theory import OrganisingFramework, Theme

__all__ = ["DOING_THINGS_DIFFERENTLY", "THEMELESS", "realistsynth_register_frameworks"]

DOING_THINGS_DIFFERENTLY = OrganisingFramework(
    name="doing-things-differently",
    title="Doing Things Differently: Rethinking Leadership Behaviours",
    themes=(
        Theme(
            "being",
            "Being",
            "Who the leader is: authentic (honest, true to their own values, clear about what "
            "they are there for: a sense of purpose) and open-minded, curious and undefensive, "
            "encouraging learning and reflection in themselves and others.",
        ),
        Theme(
            "relating-communicating",
            "Relating & Communicating",
            "Building trusting relationships across organisations, sectors and communities; "
            "collaborating and co-creating with partners; communicating openly about what is "
            "to be achieved and how and why decisions are made.",
        ),
        Theme(
            "leading-visioning",
            "Leading & Visioning",
            "Setting and sharing a vision for the whole system, putting population and system "
            "outcomes before organisational interest, and empowering others to take decisions "
            "and own the solving of problems.",
        ),
        Theme(
            "delivering",
            "Delivering",
            "Holding themselves and others to account for system outcomes, using intelligence "
            "to decide and act, and enabling innovation, calculated risk-taking, learning and "
            "improvement.",
        ),
    ),
    citation="NHS North West Leadership Academy (2021), Doing Things Differently: Rethinking "
    "Leadership Behaviours; see also its System "
    "Leadership Behaviours Framework, https://www.nwacademy.nhs.uk/discover/offers/"
    "system-leadership-behaviour-cards.",
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
