"""``python -m realistsynth.cli``: the same as the ``realistsynth`` script."""

from realistsynth.cli import main

main()
