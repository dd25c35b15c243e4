"""The journal's entry screens: Today, the tables (feeding, pumping, weights, care events, notes), the entry
dialogs and the Charts tab. Entry point: `sections.build_entry_sections`. No business rules here: every figure
and every check comes from `nec_companion.journal.JournalEntries` and the core."""
