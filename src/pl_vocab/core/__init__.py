"""The contracts every part of pl_vocab shares: findings and reports, errors, the rule catalogue,
and check selection. This package imports no other part of pl_vocab."""
