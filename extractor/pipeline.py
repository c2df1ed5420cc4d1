"""Assemble the pipeline from models/config_ner.cfg (or config.cfg, --fast) and run it over texts."""
from __future__ import annotations

import gc
import multiprocessing
import signal
import threading
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.util import load_config, load_model_from_config

from . import (abbreviation_detector, entity_recognizer, ner, relations, sentences, target_classes,  # noqa: F401
               tokenizer)  # register factories
from .record import doc_to_record, error_record
from .resources import models_path

DEFAULT_CONFIG = "config_ner.cfg"  # rules and lexicons, then the trained NER (models/ner)
FAST_CONFIG = "config.cfg"  # rules and lexicons only (--fast): about twice the speed
# scispaCy's abbreviation detector runs an empty matcher on documents without definitions.
warnings.filterwarnings("ignore", message=r"\[W036\]")
MAX_CHARS = 1_000_000
IN_FLIGHT_BATCHES = 4  # batches per worker read ahead of the output: bounds memory on any corpus size
# A worker is replaced by a fresh fork after this many batches: spaCy keeps a lexeme and a
# string for every new word it meets, so a long-lived worker grows with the corpus' vocabulary.
WORKER_BATCHES = 500


@dataclass
class InputDoc:
    """One document to process; `error` is set when it could not be read."""

    doc_id: str
    text: str = ""
    source: str | None = None
    error: str | None = None


class Extractor:
    """The loaded pipeline: `extract(text)` gives one record, `extract_many` streams them."""

    def __init__(self, nlp: Language, max_chars: int = MAX_CHARS):
        self.nlp = nlp
        self.max_chars = max_chars

    def extract(self, text: str, doc_id: str = "0", source: str | None = None) -> dict:
        return self._record(InputDoc(doc_id, text, source))

    def extract_many(self, docs: Iterable[InputDoc | str], n_process: int = 1,
                     batch_size: int = 32) -> Iterator[dict]:
        """Records in input order; a document that fails gives an error record, not an exception.

        Inputs are read lazily: with `n_process` > 1 at most `IN_FLIGHT_BATCHES` batches a
        worker are read ahead of the records already yielded, so memory does not grow with
        the corpus. Workers are forked (they share the loaded pipeline) and ignore Ctrl-C,
        which stops the caller's loop instead.
        """
        items = (d if isinstance(d, InputDoc) else InputDoc(str(i), d) for i, d in enumerate(docs))
        if n_process <= 1:
            for batch in _batches(items, batch_size):
                yield from self._records(batch)
            return
        global _WORKER
        _WORKER = self
        window = threading.BoundedSemaphore(n_process * batch_size * IN_FLIGHT_BATCHES)
        stop = threading.Event()

        def throttled() -> Iterator[InputDoc]:  # runs in the pool's task thread
            for item in items:
                while not window.acquire(timeout=0.1):
                    if stop.is_set():
                        return
                yield item

        with multiprocessing.get_context("fork").Pool(n_process, initializer=_ignore_sigint,
                                                      maxtasksperchild=WORKER_BATCHES) as pool:
            try:
                for records in pool.imap(_worker_records, _batches(throttled(), batch_size)):
                    for record in records:
                        window.release()
                        yield record
            finally:
                stop.set()

    def _record(self, item: InputDoc) -> dict:
        invalid = self._invalid(item)
        if invalid is not None:
            return invalid
        try:
            return doc_to_record(self.nlp(self.make_doc(item.text)), item.doc_id, item.source)
        except Exception as exc:  # one bad document must not stop a batch
            return error_record(item.doc_id, item.source, f"{type(exc).__name__}: {exc}", item.text)

    def _records(self, items: list[InputDoc]) -> list[dict]:
        """The records of a batch, its documents run through `nlp.pipe` together (so that a
        component with a batched `pipe`, the trained NER, batches its work); if the batch
        fails, its documents are run again one at a time, so a bad one gives one error record."""
        records: list[dict | None] = [self._invalid(item) for item in items]
        todo = [i for i, record in enumerate(records) if record is None]
        try:
            docs = self.nlp.pipe((self.make_doc(items[i].text) for i in todo), batch_size=max(len(todo), 1))
            for i, doc in zip(todo, docs):
                records[i] = doc_to_record(doc, items[i].doc_id, items[i].source)
        except Exception:  # one bad document must not stop a batch
            for i in todo:
                records[i] = self._record(items[i])
        return records

    def _invalid(self, item: InputDoc) -> dict | None:
        """The error record of an input that is not run through the pipeline, else None."""
        if item.error:
            return error_record(item.doc_id, item.source, item.error, item.text)
        if not item.text.strip():
            return error_record(item.doc_id, item.source, "empty document", item.text)
        if len(item.text) > self.max_chars:
            return error_record(item.doc_id, item.source,
                                f"document has {len(item.text):,} characters; the limit is {self.max_chars:,}")
        return None

    def make_doc(self, text: str):
        """The tokenized text, which keeps its text (spaCy would rebuild it from every token); hyphen-like
        dashes are read as hyphens, and the record shows the text as given."""
        folded = text.translate(sentences.DASHES)
        doc = self.nlp.make_doc(folded)
        doc.user_data[sentences.TEXT_KEY] = folded
        if folded != text:
            doc.user_data[sentences.ORIGINAL_KEY] = text
        return doc


_WORKER: Extractor | None = None


def _worker_records(items: list[InputDoc]) -> list[dict]:
    return _WORKER._records(items)


def _batches(items: Iterable[InputDoc], size: int) -> Iterator[list[InputDoc]]:
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _ignore_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def load(config: str | Path | None = None, model: str | None = None) -> Extractor:
    """Build the default pipeline (or one from `config`, e.g. `FAST_CONFIG`).

    `model` names an installed spaCy / scispaCy pipeline (e.g. "en_core_sci_sm"): it is
    loaded first and the components of `config` (by default the rules-only `FAST_CONFIG`)
    are added after its own, so its entities become candidates mapped through
    `model_labels` in the config.
    """
    cfg = load_config(models_path(config or (DEFAULT_CONFIG if model is None else FAST_CONFIG)))
    if model is None:
        nlp = load_model_from_config(cfg, auto_fill=True)
    else:
        nlp = spacy.load(model)
        has_sentences = bool({"parser", "senter"} & set(nlp.pipe_names))
        for name in cfg["nlp"]["pipeline"]:
            settings = dict(cfg["components"][name])
            factory = settings.pop("factory")
            if factory in nlp.pipe_names or (factory == "extractor_sentences" and has_sentences):
                continue
            nlp.add_pipe(factory, name=f"extractor_{name}", config=settings)
    # The lexicons are millions of long-lived objects: keep the garbage collector from
    # walking them again and again, and forked workers from copying the pages it touches.
    gc.collect()
    gc.freeze()
    return Extractor(nlp)
