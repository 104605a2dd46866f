"""Development tools for pl_vocab (not shipped in the wheel)."""
