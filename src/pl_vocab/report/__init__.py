"""The renderers of a :class:`~pl_vocab.core.model.Report` (terminal, JSON, Markdown, HTML,
SSSOM) and the JSON Schema of ``--format json``; the report model itself is in
:mod:`pl_vocab.core.model`. ``render(report, "html")`` picks one (:mod:`pl_vocab.report.render`).
Renderers import no checks: they show what a report holds."""
