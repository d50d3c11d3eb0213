"""Everything that writes: the HTML report, the notebook display, CSV and Parquet tables."""
