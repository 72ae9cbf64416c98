"""The words that the benchmarks' generated text is drawn from: titles for the reference
and workbook benchmarks, names and keywords for the generated record corpora.

Shared so that ``bench_refs.py`` and ``bench_xlsx.py`` format and write the same kind of
text, and so that the varied RIS corpus (``corpus_ris.py``) draws from the uniform corpus's
(``corpus.py``) names and more; it is imported by those scripts when run from this folder
(``python benchmarks/...``).
"""

from __future__ import annotations

WORDS = (
    "integrated",
    "care",
    "leadership",
    "system",
    "partnership",
    "trust",
    "governance",
    "population",
    "health",
    "networks",
    "primary",
    "evaluation",
    "realist",
    "review",
    "qualitative",
    "study",
    "England",
)


def _split(text: str, sep: str | None = None) -> tuple[str, ...]:
    return tuple(text.split(sep))


#: Family names, given names and keywords of the generated records (``corpus.py``); the varied
#: corpus (``corpus_ris.py``) draws from these and more, listed after them.
FAMILIES = _split(
    "Aunger Millar Greenhalgh Wong Pawson Tilley Jagosh Westhorp Kozłowska Nuñez Smith "
    "Jones Brown Taylor Wilson Davies Evans Thomas Johnson Roberts Walker Wright Robinson "
    "Thompson White Hughes Edwards Green Hall Wood Harris Lewis Martin Jackson Clarke "
    "Clark Turner Hill Scott Cooper Morris Ward Moore King Watson Baker Harrison Morgan "
    "Patel Young Allen Mitchell James Anderson Phillips Lee Bell Parker Davis Müller "
    "Schmidt Dubois García Rossi Björk O'Brien Nakamura Chen Wang Li Zhang Liu Singh Kumar "
    "Okafor Mensah Haddad Novak Kowalski"
)
GIVEN_NAMES = _split(
    "Justin Ross Trisha Geoff Ray Nick Justine Gill Olga Ana John Mary Sarah David James "
    "Emma Laura Peter Helen Mark Claire Paul Ruth Simon Anna Tom Lucy Chris Kate Ben Amina "
    "Kwame Yuki Wei Priya Raj Chioma Jean Marie Luca Sofia Erik Ingrid Seán Zoë"
)
KEYWORDS = _split(
    "leadership; integrated care; realist review; collaboration; system leadership; NHS; "
    "programme theory; partnership working; governance; qualitative research; "
    "implementation; health policy; organisational culture; trust; primary care; "
    "workforce",
    "; ",
)
