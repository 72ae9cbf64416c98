"""Puts the shared strategy and evaluator modules of this folder on the import path."""

import sys
from pathlib import Path

# the shared strategies module sits beside the tests (no __init__.py in test dirs)
sys.path.insert(0, str(Path(__file__).parent))
