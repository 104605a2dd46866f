"""Schema-driven RDF: the plan read from the schema index, the exporter, the loader and JSON-LD."""
