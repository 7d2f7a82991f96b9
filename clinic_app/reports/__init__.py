"""PDF documents built with ReportLab: plain dataclasses in, PDF bytes out."""
