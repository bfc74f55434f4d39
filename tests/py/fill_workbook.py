"""Fills cells of a workbook by column name, as a council member would, and saves a copy.

Usage: python3 fill_workbook.py IN.xlsx OUT.xlsx VALUES.json
VALUES.json: {"sheet name": {"row number": {"column name in row 1": value, ...}, ...}, ...}
Numbers are written as numbers, text as text.
"""

import json
import sys

import openpyxl


def main(src, dst, values_path):
    with open(values_path, encoding="utf-8") as f:
        values = json.load(f)
    wb = openpyxl.load_workbook(src)
    for sheet, rows in values.items():
        ws = wb[sheet]
        columns = {c.value: c.column for c in ws[1]}
        for row, cells in rows.items():
            for name, value in cells.items():
                ws.cell(row=int(row), column=columns[name]).value = value
    wb.save(dst)


if __name__ == "__main__":
    main(*sys.argv[1:4])
