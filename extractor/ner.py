"""A trained NER component: a BILUO token tagger over a small CNN with lexicon features.

Two factories:

- ``extractor_ner_tagger``: the trainable component. A softmax tagger predicts one BILUO
  tag a token (``U-GENE``, ``B-DRUG`` ... ``O``); the tags are decoded into ``doc.ents``
  leniently (an ``I``/``L`` without a ``B`` opens a span, a label change closes one). A
  tagger is used instead of spaCy's transition-based ``ner`` because it costs about half
  as much a token at the same tok2vec size, and the throughput of the whole pipeline is
  a product requirement (see models/README.md for the measurements).
- ``extractor_ner``: loads a trained pipeline from a folder under ``models/`` (default
  ``models/ner``) and runs its components on our documents, so a pipeline config can
  add the trained model before the ``entities`` component, which reads ``doc.ents``
  through ``model_labels``.

The embedding ``extractor.LexiconHashEmbed.v1`` is spaCy's ``MultiHashEmbed`` with one
more feature column: the lexicon state of the token (inside a GENE / DRUG / DRUG_CLASS /
TUMOR_SUBTYPE term of our lexicons, first or later token), so the network learns when to
trust the lexicons and when not (Ratinov & Roth 2009: gazetteer features in NER).
"""
from __future__ import annotations

from functools import lru_cache
from itertools import islice
from pathlib import Path

import numpy
import spacy
from spacy.language import Language
from spacy.ml.featureextractor import FeatureExtractor
from spacy.pipeline.tagger import Tagger
from spacy.scorer import get_ner_prf
from spacy.tokens import Doc, Span
from spacy.training import validate_get_examples
from thinc.api import HashEmbed, Maxout, Model, chain, concatenate, list2ragged, ragged2list, with_array
from thinc.types import Floats2d

from . import tokenizer  # noqa: F401  registers extractor.tokenizer.v1 for saved pipelines
from .resources import models_path, read_word_list

ENTITY_LABELS = ("GENE", "DRUG", "VARIANT")
# doc.user_data key of {"start:end" (character offsets): confidence} of the NER's entities:
# the lowest probability of the tags that make up the entity.
CONFIDENCE_KEY = "extractor_ner_confidence"
LEXICON_BITS = {"GENE": 1, "DRUG": 2, "DRUG_CLASS": 4, "TUMOR_SUBTYPE": 8}


# -- lexicon features --------------------------------------------------------------

@lru_cache(maxsize=4)
def feature_lexicon(gene_tables: tuple[str, ...], drug_tables: tuple[str, ...],
                    subtype_tables: tuple[str, ...]):
    """The lexicon the entity component uses (shared: built once a process)."""
    from .entity_recognizer import load_lexicon

    return load_lexicon(gene_tables, drug_tables, subtype_tables)


@lru_cache(maxsize=1)
def _sentence_splitter():
    from .sentences import SentenceSplitter

    return SentenceSplitter(read_word_list("patterns/sentence_abbreviations.txt"))


def lexicon_features(doc: Doc, lexicon) -> numpy.ndarray:
    """One id a token: 0 outside lexicon terms, else 1 + 2 * (label bits) + (inside, not first).

    The label bits are the set of labels among the entries of the matched term, so an
    ambiguous term (a gene symbol that is also a drug code) has its own value.
    """
    features = numpy.zeros(len(doc), dtype="uint64")
    if not len(doc):
        return features
    if not doc.has_annotation("SENT_START"):
        _sentence_splitter()(doc)  # the lexicon's case rules look at sentence starts
    for match in lexicon.find(doc):
        bits = 0
        for entry in match.entries:
            bits |= LEXICON_BITS.get(entry.label, 0)
        value = 1 + 2 * bits
        features[match.start] = value
        features[match.start + 1:match.end] = value + 1
    return features


def LexiconFeatureExtractor(attrs: list[str], lexicon) -> Model:
    """``doc.to_array(attrs)`` plus a last column of lexicon feature ids."""
    return _features_with_column(attrs, "extract_lexicon_features", lambda doc: lexicon_features(doc, lexicon))


def _features_with_column(attrs: list[str], name: str, column_of) -> Model:
    """``doc.to_array(attrs)`` with one more column, ``column_of(doc)``, per document."""
    base = FeatureExtractor(attrs)

    def forward(model, docs, is_train):
        arrays, _ = base(docs, is_train)
        out = []
        for doc, array in zip(docs, arrays):
            column = column_of(doc).reshape((-1, 1))
            out.append(model.ops.asarray2i(numpy.hstack([array, column]), dtype="uint64"))
        return out, lambda d_features: []

    return Model(name, forward, attrs={"columns": list(attrs)})


RULE_LABELS = {"GENE": 1, "DRUG": 2, "DRUG_CLASS": 3, "TUMOR_SUBTYPE": 4, "VARIANT": 5}
TERM_TYPES = {"symbol": 1, "name": 2}


@lru_cache(maxsize=2)
def _rules_components(config: str):
    """The components of the rules pipeline up to its entity component (for documents
    that reach the NER without rules mentions, e.g. in training)."""
    from .pipeline import load

    nlp = load(config).nlp
    names = nlp.pipe_names
    last = names.index("entities") if "entities" in names else len(names) - 1
    return [proc for _, proc in nlp.pipeline[:last + 1]]


def rules_features(doc: Doc, config: str = "config.cfg") -> numpy.ndarray:
    """One id a token from the mentions of the rules pipeline (``doc._.mentions``):
    0 outside mentions, else 1 + 2 * (6 * term type + label) + (inside, not first)."""
    features = numpy.zeros(len(doc), dtype="uint64")
    if not len(doc):
        return features
    if not Doc.has_extension("mentions") or doc._.mentions is None:
        for proc in _rules_components(config):
            doc = proc(doc)
    for mention in doc._.mentions or []:
        start, end = mention.token_start, mention.token_end
        if start < 0 or end <= start:
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None:
                continue
            start, end = span.start, span.end
        value = 1 + 2 * (6 * TERM_TYPES.get(mention.term_type, 0) + RULE_LABELS.get(mention.label, 0))
        features[start] = value
        features[start + 1:end] = value + 1
    return features


def RulesFeatureExtractor(attrs: list[str], config: str) -> Model:
    """``doc.to_array(attrs)`` plus a last column of rules-mention feature ids."""
    return _features_with_column(attrs, "extract_rules_features", lambda doc: rules_features(doc, config))


@spacy.registry.architectures("extractor.RulesHashEmbed.v1")
def RulesHashEmbed(width: int, attrs: list[str], rows: list[int], rules_rows: int,
                   rules_config: str = "config.cfg", mixer_pieces: int = 3, char_width: int = 0,
                   char_count: int = 8) -> Model[list[Doc], list[Floats2d]]:
    """spaCy's MultiHashEmbed (no static vectors) with a column for the mentions the rules
    pipeline found (label, gene symbol / name / other, first / later token): the network
    is stacked on the rules and learns where they are right. The rules run before the NER
    in models/config_ner.cfg; a document without ``doc._.mentions`` is run through the
    rules pipeline of ``rules_config`` first (training does that). ``mixer_pieces``: maxout
    pieces of the layer that mixes the embeddings (spaCy uses 3). ``char_width`` > 0 adds
    spaCy's character embedding (``char_width`` dimensions for each of the first and last
    ``char_count`` / 2 characters, as in ``spacy.CharacterEmbed.v2``)."""
    if len(rows) != len(attrs):
        raise ValueError(f"Mismatched lengths: {len(rows)} vs {len(attrs)}")
    tables = list(rows) + [rules_rows]
    embeddings = [HashEmbed(width, n, column=i, seed=8 + i, dropout=0.0) for i, n in enumerate(tables)]
    if not char_width:  # (this layer structure is what saved models expect)
        return chain(
            RulesFeatureExtractor(attrs, rules_config),
            list2ragged(),
            with_array(concatenate(*embeddings)),
            with_array(Maxout(width, width * len(embeddings), nP=mixer_pieces, dropout=0.0, normalize=True)),
            ragged2list(),
        )
    from spacy.ml._character_embed import CharacterEmbed

    hashed = chain(RulesFeatureExtractor(attrs, rules_config), list2ragged(), with_array(concatenate(*embeddings)))
    characters = chain(CharacterEmbed(nM=char_width, nC=char_count), list2ragged())
    size = width * len(embeddings) + char_width * char_count
    return chain(
        concatenate(hashed, characters),
        with_array(Maxout(width, size, nP=mixer_pieces, dropout=0.0, normalize=True)),
        ragged2list(),
    )


@spacy.registry.architectures("extractor.LexiconHashEmbed.v1")
def LexiconHashEmbed(width: int, attrs: list[str], rows: list[int], lexicon_rows: int,
                     gene_tables: list[str], drug_tables: list[str],
                     subtype_tables: list[str]) -> Model[list[Doc], list[Floats2d]]:
    """spaCy's MultiHashEmbed (no static vectors) with a lexicon-state column.

    ``lexicon_rows = 0`` leaves the lexicon feature out (the plain MultiHashEmbed).
    """
    if len(rows) != len(attrs):
        raise ValueError(f"Mismatched lengths: {len(rows)} vs {len(attrs)}")
    tables = list(rows) + ([lexicon_rows] if lexicon_rows else [])
    embeddings = [HashEmbed(width, n, column=i, seed=8 + i, dropout=0.0) for i, n in enumerate(tables)]
    if lexicon_rows:
        lexicon = feature_lexicon(tuple(gene_tables), tuple(drug_tables), tuple(subtype_tables))
        extractor = LexiconFeatureExtractor(attrs, lexicon)
    else:
        extractor = FeatureExtractor(attrs)
    return chain(
        extractor,
        list2ragged(),
        with_array(concatenate(*embeddings)),
        with_array(Maxout(width, width * len(embeddings), nP=3, dropout=0.0, normalize=True)),
        ragged2list(),
    )


# -- the BILUO tagger --------------------------------------------------------------

def biluo_tags(labels) -> list[str]:
    return ["O"] + [f"{prefix}-{label}" for label in labels for prefix in "BILU"]


def decode_biluo(tag_ids, tags: list[tuple[str, str]]) -> list[tuple[int, int, str]]:
    """(start, end, label) token spans from tag ids, repairing invalid sequences."""
    spans = []
    start, current, last = None, None, -2
    for i in numpy.flatnonzero(numpy.asarray(tag_ids)).tolist() + [None]:
        if start is not None and (i is None or i != last + 1):  # an O (or the end) closes
            spans.append((start, last + 1, current))
            start = None
        if i is None:
            break
        prefix, label = tags[tag_ids[i]]
        if prefix == "U":
            if start is not None:
                spans.append((start, i, current))
            spans.append((i, i + 1, label))
            start = None
        elif prefix == "B" or start is None or label != current:
            if start is not None:
                spans.append((start, i, current))
            start, current = i, label
            if prefix == "L":
                spans.append((start, i + 1, label))
                start = None
        elif prefix == "L":
            spans.append((start, i + 1, current))
            start = None
        last = i
    return spans


def transition_mask(tags: list[tuple[str, str]]) -> tuple[numpy.ndarray, numpy.ndarray, numpy.ndarray]:
    """Allowed BILUO transitions (from, to), and the tags allowed first and last."""
    n = len(tags)
    allowed = numpy.zeros((n, n), dtype=bool)
    for i, (p, label) in enumerate(tags):
        for j, (q, other) in enumerate(tags):
            if p in ("B", "I"):
                allowed[i, j] = q in ("I", "L") and other == label
            else:
                allowed[i, j] = q in ("O", "B", "U")
    first = numpy.array([p in ("O", "B", "U") for p, _ in tags])
    last = numpy.array([p in ("O", "L", "U") for p, _ in tags])
    return allowed, first, last


def viterbi_biluo(scores: numpy.ndarray, mask) -> tuple[numpy.ndarray, numpy.ndarray]:
    """The most probable valid BILUO sequence (tag ids) for a doc's tag scores (logits),
    and the probability of each chosen tag (softmax of its token's scores).

    Only stretches where the best tag is not O (with one token of margin either side)
    are decoded, each as a sequence that starts and ends outside an entity; elsewhere
    the tags are O. A stretch whose best tags already form a valid sequence keeps them
    (they are the optimum), so the search runs only where the tagger was inconsistent.
    """
    allowed, first, last = mask
    guesses = scores.argmax(axis=1)
    out = numpy.zeros(len(scores), dtype="int64")
    probs = numpy.ones(len(scores), dtype="float32")
    busy = numpy.flatnonzero(guesses != 0)
    if not len(busy):
        return out, probs
    penalty = numpy.where(allowed, 0.0, -1e9)
    # the Tagger's output layer gives logits at prediction time (spacy.Tagger.v2, normalize=false)
    shifted = scores - scores.max(axis=1, keepdims=True)
    logs = shifted - numpy.log(numpy.exp(shifted).sum(axis=1, keepdims=True))
    # group busy tokens into stretches (gaps of O tokens split them), with margins
    breaks = numpy.flatnonzero(numpy.diff(busy) > 1)
    starts = numpy.concatenate([[busy[0]], busy[breaks + 1]])
    ends = numpy.concatenate([busy[breaks], [busy[-1]]]) + 1
    for start, end in zip(numpy.maximum(starts - 1, 0), numpy.minimum(ends + 1, len(scores))):
        seg = logs[start:end]
        best_tags = guesses[start:end]
        if first[best_tags[0]] and last[best_tags[-1]] and allowed[best_tags[:-1], best_tags[1:]].all():
            # the best tag of each token already makes a valid sequence: it is the optimum
            out[start:end] = best_tags
            probs[start:end] = numpy.exp(seg[numpy.arange(len(seg)), best_tags])
            continue
        best = numpy.where(first, seg[0], -1e9)
        back = numpy.zeros((len(seg), seg.shape[1]), dtype="int64")
        for t in range(1, len(seg)):
            total = best[:, None] + penalty
            back[t] = total.argmax(axis=0)
            best = total.max(axis=0) + seg[t]
        tag = int(numpy.where(last, best, -1e9).argmax())
        for t in range(len(seg) - 1, -1, -1):
            out[start + t] = tag
            probs[start + t] = numpy.exp(seg[t, tag])
            tag = back[t, tag]
    return out, probs


def _score_ents(examples, **kwargs):
    return get_ner_prf(examples)


@spacy.registry.scorers("extractor.ner_scorer.v1")
def make_ner_scorer():
    return _score_ents


DEFAULT_TAGGER_MODEL = {
    "@architectures": "spacy.Tagger.v2",
    "nO": None,
    "normalize": False,
    "tok2vec": {
        "@architectures": "spacy.Tok2Vec.v2",
        "embed": {"@architectures": "spacy.MultiHashEmbed.v2", "width": 64,
                  "attrs": ["NORM", "PREFIX", "SUFFIX", "SHAPE"], "rows": [5000, 1000, 2500, 2500],
                  "include_static_vectors": False},
        "encode": {"@architectures": "spacy.MaxoutWindowEncoder.v2", "width": 64, "depth": 2,
                   "window_size": 1, "maxout_pieces": 3},
    },
}


@Language.factory(
    "extractor_ner_tagger",
    default_config={"model": DEFAULT_TAGGER_MODEL, "entity_labels": list(ENTITY_LABELS),
                    "decoder": "viterbi", "scorer": {"@scorers": "extractor.ner_scorer.v1"}},
    default_score_weights={"ents_f": 1.0, "ents_p": 0.0, "ents_r": 0.0, "ents_per_type": None},
)
def make_ner_tagger(nlp: Language, name: str, model: Model, entity_labels: list[str], decoder: str, scorer):
    return BiluoTagger(nlp.vocab, model, name, entity_labels=entity_labels, decoder=decoder, scorer=scorer)


class BiluoTagger(Tagger):
    """A tagger whose tags are BILUO entity tags; ``set_annotations`` sets ``doc.ents``.

    ``decoder``: "viterbi" (the most probable valid tag sequence, so a name is not cut
    into pieces) or "greedy" (the best tag a token, invalid sequences repaired).
    """

    def __init__(self, vocab, model, name="ner", *, entity_labels=ENTITY_LABELS, decoder="viterbi",
                 scorer=_score_ents):
        if decoder not in ("viterbi", "greedy"):
            raise ValueError(f"unknown decoder {decoder!r}: use viterbi or greedy")
        super().__init__(vocab, model, name, scorer=scorer)
        self.cfg["entity_labels"] = list(entity_labels)
        self.decoder = decoder
        self._mask = None

    def predict(self, docs):
        """Tag ids a doc (greedy), or (tag ids, probability of each tag) (viterbi)."""
        if self.decoder == "greedy":
            return super().predict(docs)
        if not any(len(doc) for doc in docs):
            return [(numpy.zeros((0,), dtype="int64"), numpy.zeros((0,), dtype="float32")) for _ in docs]
        if self._mask is None:
            self._mask = transition_mask(self._tag_pairs())
        return [viterbi_biluo(self.model.ops.to_numpy(scores), self._mask)
                for scores in self.model.predict(docs)]

    def _tag_pairs(self) -> list[tuple[str, str]]:
        return [tuple(tag.split("-", 1)) if tag != "O" else ("O", "") for tag in self.labels]

    def initialize(self, get_examples, *, nlp=None, labels=None):
        validate_get_examples(get_examples, "BiluoTagger.initialize")
        self._mask = None
        for tag in labels or biluo_tags(self.cfg["entity_labels"]):
            self.add_label(tag)
        docs, truths = [], []
        for example in islice(get_examples(), 10):
            docs.append(example.x)
            gold = self._truths(example)
            truths.append(self.model.ops.asarray(
                [[1.0 if tag == g else 0.0 for tag in self.labels] for g in gold], dtype="float32"))
        self.model.initialize(X=docs, Y=truths)

    def _truths(self, example) -> list[str | None]:
        keep = set(self.cfg["entity_labels"])
        out = []
        for tag in example.get_aligned_ner():
            if tag is None or tag == "-":
                out.append(None)  # misaligned or missing: no loss
            elif tag != "O" and tag.split("-", 1)[1] not in keep:
                out.append("O")
            else:
                out.append(tag)
        return out

    def get_loss(self, examples, scores):
        from thinc.api import SequenceCategoricalCrossentropy

        loss_func = SequenceCategoricalCrossentropy(names=self.labels, normalize=False,
                                                    label_smoothing=self.cfg["label_smoothing"])
        d_scores, loss = loss_func(scores, [self._truths(eg) for eg in examples])
        return float(loss), d_scores

    def set_annotations(self, docs, batch_tag_ids):
        if isinstance(docs, Doc):
            docs = [docs]
        tags = self._tag_pairs()
        if tags and tags[0][0] != "O":
            raise ValueError("the first tag of a BiluoTagger must be 'O'")
        for doc, tag_ids in zip(docs, batch_tag_ids):
            probs = None
            if isinstance(tag_ids, tuple):
                tag_ids, probs = tag_ids
            if hasattr(tag_ids, "get"):
                tag_ids = tag_ids.get()
            spans, confidence = [], {}
            for start, end, label in decode_biluo(tag_ids, tags):
                while start < end and doc[start].is_space:
                    start += 1
                while end > start and doc[end - 1].is_space:
                    end -= 1
                if start < end:
                    span = Span(doc, start, end, label=label)
                    spans.append(span)
                    if probs is not None:
                        confidence[f"{span.start_char}:{span.end_char}"] = round(float(probs[start:end].min()), 4)
            doc.ents = spans
            doc.user_data[CONFIDENCE_KEY] = confidence


# -- a trained pipeline as one component of ours ---------------------------------------

@Language.factory("extractor_ner", default_config={"path": "ner", "merge_policy": "model_only",
                                                  "governed_labels": ["GENE", "DRUG"],
                                                  "min_confidence": 0.0, "propagate": False})
def make_trained_ner(nlp: Language, name: str, path: str, merge_policy: str, governed_labels: list[str],
                     min_confidence: float, propagate: bool):
    lexicon = next((getattr(proc, "lexicon", None) for _, proc in nlp.pipeline
                    if getattr(proc, "lexicon", None) is not None), None)
    return TrainedNER(path, merge_policy, tuple(governed_labels), lexicon, min_confidence, propagate)


class TrainedNER:
    """Runs the components of a trained pipeline saved under ``models/`` on our docs.

    The saved pipeline must tokenize like ours (it is trained with extractor.tokenizer).
    Placed before the entity component, it leaves its entities in ``doc.ents``, which
    that component takes as candidates (``model_labels``). Placed after it (as in
    models/config_ner.cfg), it merges its entities into the rules' ``doc._.mentions`` by
    ``merge_policy`` for ``governed_labels`` (extractor.model_merge.merge_mentions) and
    sets ``doc.spans["entities"]`` and ``doc.ents`` again. A model entity that the rules
    did not find is taken only with a confidence of at least ``min_confidence``; with
    ``propagate`` the GENE / DRUG mentions are spread to the other occurrences of their
    text and abbreviations in the document (extractor.model_merge.propagate_mentions).
    """

    def __init__(self, path: str | Path, merge_policy: str = "model_only",
                 governed_labels: tuple[str, ...] = ("GENE", "DRUG"), lexicon=None,
                 min_confidence: float = 0.0, propagate: bool = False):
        from .model_merge import POLICIES

        if merge_policy not in POLICIES:
            raise ValueError(f"unknown merge policy {merge_policy!r}: use one of {', '.join(POLICIES)}")
        self.path = models_path(path)
        if not self.path.is_dir():
            raise FileNotFoundError(f"no trained NER model at {self.path}: run 'extractor train' "
                                    "or use the rules-only config (models/config.cfg)")
        trained = spacy.load(self.path)
        self.components = [proc for _, proc in trained.pipeline]
        self.merge_policy = merge_policy
        self.governed = governed_labels
        self.lexicon = lexicon
        self.min_confidence = min_confidence
        self.propagate = propagate

    def __call__(self, doc: Doc) -> Doc:
        mentions = doc._.mentions if Doc.has_extension("mentions") else None
        for proc in self.components:
            doc = proc(doc)
        if mentions is not None:
            self._merge(doc, mentions)
        return doc

    def pipe(self, docs, batch_size: int = 64):
        for doc in docs:
            yield self(doc)

    def _merge(self, doc: Doc, mentions) -> None:
        from spacy.util import filter_spans

        from .model_merge import merge_mentions

        merged = merge_mentions(doc, mentions, list(doc.ents), self.lexicon, self.merge_policy, self.governed,
                                doc.user_data.get(CONFIDENCE_KEY), self.min_confidence, self.propagate)
        doc._.mentions = merged
        spans = [doc.char_span(m.start, m.end, m.label, kb_id=m.normalized or "", alignment_mode="expand")
                 for m in merged]
        doc.spans["entities"] = [s for s in spans if s is not None]
        doc.ents = filter_spans(doc.spans["entities"])
