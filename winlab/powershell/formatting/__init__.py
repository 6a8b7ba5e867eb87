"""How PowerShell 1.0's console shows objects: values, tables, lists, and the default view per type."""
