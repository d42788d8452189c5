"""Runs: execute the notebooks with papermill into a run folder, with provenance and a report."""
