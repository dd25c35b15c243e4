"""Questions for the care team, and the sheet to bring to rounds."""
