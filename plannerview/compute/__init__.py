"""Computations on the model (no Qt, no VTK): geometry, DVH, statistics, comparison."""
