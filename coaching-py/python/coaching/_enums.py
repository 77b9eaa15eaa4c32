"""The library's enums. Values are the stable names the core uses, so a member compares equal
to its string (``Status.ACTIVE == "active"``) and strings are accepted wherever a member is.

The classes are built at import from the one table the compiled module holds
(``coaching-py/src/enums.rs``); their type stubs are generated from the same table."""

from enum import StrEnum

from ._coaching import enum_members

__all__ = []

for _name, _doc, _values in enum_members():
    _enum = StrEnum(_name, [(v.upper(), v) for v in _values], module=__name__)  # type: ignore[misc]
    _enum.__doc__ = _doc
    globals()[_name] = _enum
    __all__.append(_name)

del _name, _doc, _values, _enum
