"""PowerShell 1.0's language: tokenizer, syntax tree, parser, evaluator."""
