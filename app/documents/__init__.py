"""Letters and dossiers as PDFs (ReportLab), and the fonts they use."""
