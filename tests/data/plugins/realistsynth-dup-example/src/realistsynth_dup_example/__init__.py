"""A plugin that claims a framework name a built-in already has, and one of its own."""

from realistsynth import hookimpl
from realistsynth.model import OrganisingFramework, Theme


@hookimpl
def realistsynth_register_frameworks():
    return [
        OrganisingFramework("themeless", "An impostor"),
        OrganisingFramework("dup-own", "Its own framework", [Theme("t", "Theme")]),
    ]
