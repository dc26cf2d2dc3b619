"""Batch transform: a model run over a whole dataset as a job of the foundation (the Endpoints room's models)."""
