"""How wmic prints: `/value` lists, tables, and method calls (confirmations 2).

Query output ends every line with CR CR LF, wmic's known doubled CR when its output is
piped or redirected. `/value`: properties sorted alphabetically, `Name=Value`, each
instance after two blank lines. Tables: property names sorted alphabetically, each
column padded to its widest entry plus two, every row (header too) padded, a blank line
after. Method calls: one `Executing (...)->Method()` block per instance [C10].
"""

from __future__ import annotations

from typing import Any

from ... import assumptions as A

EOL = "\r\r\n"


def text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, list):
        inner = ",".join(f'"{v}"' if isinstance(v, str) else text(v) for v in value)
        return "{" + inner + "}"
    return str(value)


def ordered(properties: list[str]) -> list[str]:
    return sorted(properties, key=str.casefold)


def value_list(rows: list[dict], properties: list[str]) -> str:
    out = []
    for row in rows:
        out.append(EOL + EOL + "".join(f"{p}={text(row.get(p))}{EOL}" for p in ordered(properties)))
    return "".join(out) + EOL * A.WMIC_VALUE_TRAILING_BLANKS


def table(rows: list[dict], properties: list[str]) -> str:
    columns = ordered(properties)
    widths = [max([len(c)] + [len(text(r.get(c))) for r in rows]) + 2 for c in columns]
    lines = ["".join(c.ljust(w) for c, w in zip(columns, widths))]
    lines += ["".join(text(r.get(c)).ljust(w) for c, w in zip(columns, widths)) for r in rows]
    return "".join(line + EOL for line in lines) + EOL


def instance_call(host: str, class_name: str, key: str, row: dict, method: str, code: int) -> str:
    value = row[key]
    shown = str(value) if isinstance(value, int) else f'"{value}"'
    return (f"Executing (\\\\{host}\\ROOT\\CIMV2:{class_name}.{key}={shown})->{method}()\r\n"
            + _result(code))


def static_call(class_name: str, method: str, code: int) -> str:
    return A.WMIC_STATIC_CALL.format(cls=class_name, method=method) + _result(code)


def _result(code: int) -> str:
    return ("Method execution successful.\r\nOut Parameters:\r\ninstance of __PARAMETERS\r\n{\r\n"
            f"\tReturnValue = {code};\r\n}};\r\n")
