"""Letters and dossiers as PDFs (ReportLab), and the fonts they use. Middle layer: uses store and
core (and formkit); used by ui, commands, demo and health."""
