"""Genes, variants, drugs, tumor subtypes and drug-response relations from biomedical text.

    >>> from extractor import load
    >>> nlp = load()
    >>> record = nlp.extract("poziotinib is potent in neratinib-resistant HER2 L755S models")
"""
from .pipeline import Extractor, InputDoc, load

__all__ = ["Extractor", "InputDoc", "load"]
__version__ = "0.1.0"
