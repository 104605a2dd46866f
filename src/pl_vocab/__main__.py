"""Allow ``python -m pl_vocab``."""

from pl_vocab.cli import main

main()
