"""The Autopilot room (AutoML from a CSV), being built piece by piece.

Not wired into the registry yet: `analysis` (what the table holds) and `checks` (bad input refused before any
training) are the library code the room's job will call first.
"""
