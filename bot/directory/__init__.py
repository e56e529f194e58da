"""Directories of help and work: services and job offers, imported from files or APIs, searched
by place, category and CV."""
