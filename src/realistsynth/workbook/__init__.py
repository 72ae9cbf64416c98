"""The Excel workbook: the sheet registry, the review's built-in sheets, safe cells and the
xlsx writer (a built-in exporter plugin).

Sheets are plain tables (:mod:`.sheets`), so they can be tested and written without Excel;
:mod:`.cells` makes any text safe for a cell; :mod:`.xlsx_writer` writes the chosen sheets.
"""
