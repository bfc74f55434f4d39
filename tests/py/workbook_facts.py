"""Prints what openpyxl (a reader independent of ocop) sees in a workbook, as JSON.

Usage: python3 workbook_facts.py BOOK.xlsx
Per sheet: the cells (value and openpyxl's data type), frozen panes, data validations,
notes (comments), autofilter; the Rust tests compare them with the criteria model.
"""

import json
import sys

import openpyxl


def main(path):
    wb = openpyxl.load_workbook(path)
    out = {"sheets": wb.sheetnames, "sheet": {}}
    for ws in wb.worksheets:
        cells = []
        for row in ws.iter_rows():
            cells.append([[c.value, c.data_type] for c in row])
        notes = {}
        for row in ws.iter_rows(min_row=1, max_row=1):
            for c in row:
                if c.comment is not None:
                    notes[c.coordinate] = c.comment.text
        validations = [
            {
                "sqref": str(dv.sqref),
                "type": dv.type,
                "formula1": dv.formula1,
                "show_error": bool(dv.showErrorMessage),
                "error_style": dv.errorStyle or "stop",
                "error": dv.error,
            }
            for dv in ws.data_validations.dataValidation
        ]
        out["sheet"][ws.title] = {
            "cells": cells,
            "freeze": ws.freeze_panes,
            "validations": validations,
            "notes": notes,
            "autofilter": ws.auto_filter.ref,
        }
    json.dump(out, sys.stdout, ensure_ascii=False, default=str)


if __name__ == "__main__":
    main(sys.argv[1])
