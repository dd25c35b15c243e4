"""What leaves the app on paper or in files: the rounds sheet, the care-team summary, CSV (no Qt except pdf)."""
