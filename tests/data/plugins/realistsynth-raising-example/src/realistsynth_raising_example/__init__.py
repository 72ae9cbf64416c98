"""A plugin whose hook raises."""

from realistsynth import hookimpl


@hookimpl
def realistsynth_register_frameworks():
    raise ValueError("hook failed on purpose")
