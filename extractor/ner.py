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
from .mentions import TokenBounds
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
    and the probability of each chosen tag (softmax of its token's scores; only the
    tokens inside entities are filled in, the others are 1).

    Only stretches where the best tag is not O (with one token of margin either side;
    stretches one O apart are one stretch) are decoded, each as a sequence that starts
    and ends outside an entity; elsewhere the tags are O. Where the best tags already
    form a valid sequence they are kept (they are the optimum): that is checked for the
    whole doc at once, and the search runs only on the stretches that hold an invalid
    transition.
    """
    allowed, first, last = mask
    n = len(scores)
    guesses = scores.argmax(axis=1)
    out = guesses.astype("int64")
    probs = numpy.ones(n, dtype="float32")
    busy = numpy.flatnonzero(guesses)
    if not len(busy):
        return out, probs
    # the Tagger's output layer gives logits at prediction time (spacy.Tagger.v2, normalize=false)
    chosen = scores[busy]
    top = chosen[numpy.arange(len(busy)), guesses[busy]]
    chosen = numpy.exp(chosen - top[:, None])
    probs[busy] = 1.0 / chosen.sum(axis=1)
    # transitions between tokens i - 1 and i (O before the first token and after the last)
    padded = numpy.concatenate([[0], guesses, [0]])
    invalid = numpy.flatnonzero(~allowed[padded[:-1], padded[1:]])
    if not len(invalid):
        return out, probs
    # busy tokens grouped into stretches, with margins; two O tokens in a row split them
    # (stretches one O token apart would share that token as their margin)
    breaks = numpy.flatnonzero(numpy.diff(busy) > 2)
    starts = numpy.concatenate([[busy[0]], busy[breaks + 1]])
    ends = numpy.concatenate([busy[breaks], [busy[-1]]]) + 1
    # an invalid transition involves a busy token: the one after it, or else the one before
    involved = numpy.where((invalid < n) & (padded[numpy.minimum(invalid + 1, n + 1)] != 0), invalid, invalid - 1)
    penalty = numpy.where(allowed, 0.0, -1e9)
    for k in numpy.unique(numpy.searchsorted(starts, involved, side="right") - 1).tolist():
        start, end = max(int(starts[k]) - 1, 0), min(int(ends[k]) + 1, n)
        seg = scores[start:end] - scores[start:end].max(axis=1, keepdims=True)
        seg = seg - numpy.log(numpy.exp(seg).sum(axis=1, keepdims=True))
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
        self._pairs = None

    def predict(self, docs):
        """Tag ids a doc (greedy), or (tag ids, probability of each tag) (viterbi)."""
        if self.decoder == "greedy":
            return super().predict(docs)
        if not any(len(doc) for doc in docs):
            return [(numpy.zeros((0,), dtype="int64"), numpy.zeros((0,), dtype="float32")) for _ in docs]
        return self.decode([self.model.ops.to_numpy(scores) for scores in self.model.predict(docs)])

    def decode(self, batch_scores: list[numpy.ndarray]) -> list:
        """What ``predict`` returns, from the model's scores (logits) of each doc."""
        if self.decoder == "greedy":
            return [scores.argmax(axis=1) for scores in batch_scores]
        if self._mask is None:
            self._mask = transition_mask(self._tag_pairs())
        return [viterbi_biluo(scores, self._mask) for scores in batch_scores]

    def add_label(self, label):
        self._mask = self._pairs = None
        return super().add_label(label)

    def _tag_pairs(self) -> list[tuple[str, str]]:
        return [tuple(tag.split("-", 1)) if tag != "O" else ("O", "") for tag in self.labels]

    def initialize(self, get_examples, *, nlp=None, labels=None):
        validate_get_examples(get_examples, "BiluoTagger.initialize")
        self._mask = self._pairs = None
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
        for doc, tag_ids in zip(docs, batch_tag_ids):
            doc.ents = self.entities(doc, tag_ids)

    def entities(self, doc: Doc, tag_ids, tokens: "TokenBounds | None" = None) -> list[Span]:
        """The entity spans of one doc's prediction (as ``set_annotations`` sets them), and
        their confidence in ``doc.user_data[CONFIDENCE_KEY]``."""
        if self._pairs is None:
            self._pairs = self._tag_pairs()
            if self._pairs and self._pairs[0][0] != "O":
                raise ValueError("the first tag of a BiluoTagger must be 'O'")
        probs = None
        if isinstance(tag_ids, tuple):
            tag_ids, probs = tag_ids
        if hasattr(tag_ids, "get"):
            tag_ids = tag_ids.get()
        spans, confidence = [], {}
        decoded = decode_biluo(tag_ids, self._pairs)
        if decoded:
            tokens = tokens or TokenBounds(doc)
            space = tokens.space
            if probs is not None:
                probs = probs.tolist()
            for start, end, label in decoded:
                while start < end and space[start]:
                    start += 1
                while end > start and space[end - 1]:
                    end -= 1
                if start < end:
                    spans.append(Span(doc, start, end, label=label))
                    if probs is not None:
                        key = f"{tokens.starts[start]}:{tokens.ends[end - 1]}"
                        confidence[key] = round(min(probs[start:end]), 4)
        doc.user_data[CONFIDENCE_KEY] = confidence
        return spans


# -- fast inference ----------------------------------------------------------------

class NumpyTagger:
    """The forward pass of a trained tagger (``spacy.Tagger.v2`` over ``spacy.Tok2Vec.v2``
    with a hash embedding and a ``MaxoutWindowEncoder``) in plain numpy, for inference.

    It gives the scores ``model.predict(docs)`` gives (to float rounding, checked in
    tests/test_train.py) at a fraction of the cost:

    - the mixing layer of the embedding is linear before its maxout, so its weights are
      multiplied into the hash tables once (``E_i @ W_i``): embedding and mixing become
      one sum of projected rows a token (20 rows: 4 hashes x 5 features), done as a
      sparse x dense product;
    - matrix products run in numpy's BLAS (OpenBLAS, about 3x faster than thinc's blis
      here), limited to one thread (threads fight the other worker processes);
    - maxout pieces are contiguous column blocks (a max of slices, not of a strided axis),
      layer norm uses matrix products for its moments, and arrays are updated in place;
    - a batch of documents is one set of matrix products, laid out as thinc lays it out
      (``pad`` zero rows before, between and after the documents of the encoder), so the
      scores do not depend on how documents are batched.

    ``from_model`` returns None for an architecture it does not know (a character
    embedding, spaCy's transition-based NER ...): the thinc model is used then. The
    weights are read once: build it for a model that no longer trains.
    """

    def __init__(self, extract, columns, mixer, mixer_norm, blocks, pad, output):
        from thinc.api import NumpyOps

        self.ops = NumpyOps()
        self.extract = extract  # the model's feature layer: docs -> uint64 (n_tokens, n_columns)
        self.columns = columns  # (column, seed, rows, offset) a hash table
        self.table, self.mixer_bias, self.width, self.pieces = mixer
        self.mixer_norm = mixer_norm
        self.blocks = blocks  # (window, weights (nI, nP * nO), bias, norm) an encoder layer
        self.pad = pad
        self.out_w, self.out_b = output
        self._threads = _blas_one_thread()

    @classmethod
    def from_model(cls, model: Model) -> "NumpyTagger | None":
        try:
            return cls(*_numpy_tagger_parts(model))
        except _Unsupported:
            return None

    max_tokens = 1024  # documents are run in groups of about this many tokens (cache-sized arrays)

    def __call__(self, docs: list[Doc]) -> list[numpy.ndarray]:
        """The logits (n_tokens, n_tags) of each doc, as ``model.predict(docs)``."""
        out, group, size = [], [], 0
        for doc in docs:
            if group and size + len(doc) > self.max_tokens:
                out += self._forward(group)
                group, size = [], 0
            group.append(doc)
            size += len(doc)
        if group:
            out += self._forward(group)
        return out

    def _forward(self, docs: list[Doc]) -> list[numpy.ndarray]:
        lengths = [len(doc) for doc in docs]
        n_tags = self.out_b.shape[0]
        if not sum(lengths):
            return [numpy.zeros((0, n_tags), dtype="float32") for _ in docs]
        with self._threads():
            features = self.extract.predict([doc for doc in docs if len(doc)])
            X = self._embed(numpy.concatenate(features) if len(features) > 1 else features[0])
            # the encoder's layout: pad zero rows before, between and after the documents
            pad, width = self.pad, self.width
            sizes = [n for n in lengths if n]
            total = sum(sizes) + pad * (len(sizes) + 1)
            rows = numpy.ones(total, dtype=bool)
            starts = numpy.cumsum([pad] + [n + pad for n in sizes[:-1]])
            for start in starts:
                rows[start - pad:start] = False
            rows[total - pad:] = False
            H = numpy.zeros((total, width), dtype="float32")
            H[rows] = X
            for window, weights, bias, norm in self.blocks:
                Y = _seq2col(H, window) @ weights
                Y += bias
                H += _layer_norm(_max_pieces(Y, width), *norm)
            scores = H @ self.out_w
            scores += self.out_b
        out, k = [], 0
        for n in lengths:
            if n:
                out.append(scores[starts[k]:starts[k] + n])
                k += 1
            else:
                out.append(numpy.zeros((0, n_tags), dtype="float32"))
        return out

    def _embed(self, features: numpy.ndarray) -> numpy.ndarray:
        n, per_token = len(features), 4 * len(self.columns)
        keys = numpy.empty((n, per_token), dtype="int32")
        for i, (column, seed, n_rows, offset) in enumerate(self.columns):
            ids = numpy.ascontiguousarray(features[:, column], dtype="uint64")
            hashed = self.ops.hash(ids, seed)  # 4 rows an id, as thinc's HashEmbed
            hashed %= n_rows
            hashed += offset
            keys[:, 4 * i:4 * i + 4] = hashed
        if _csr_matrix is not None:
            # the sum of each token's rows as a sparse (one-hot rows) x dense product:
            # scipy's loop is about twice as fast as thinc's gather_add (one saxpy call a row)
            ones = numpy.ones(n * per_token, dtype="float32")
            indptr = numpy.arange(0, n * per_token + 1, per_token, dtype="int32")
            Y = _csr_matrix((ones, keys.reshape(-1), indptr), shape=(n, len(self.table))) @ self.table
        else:  # pragma: no cover
            Y = self.ops.gather_add(self.table, keys.astype("uint32"))
        Y += self.mixer_bias
        X = _max_pieces(Y, self.width)
        return _layer_norm(X, *self.mixer_norm) if self.mixer_norm else X


try:
    from scipy.sparse import csr_matrix as _csr_matrix  # installed with scispacy
except ImportError:  # pragma: no cover
    _csr_matrix = None


class _Unsupported(Exception):
    pass


def _numpy_tagger_parts(model: Model):
    """The weights of a tagger model in the layout NumpyTagger uses (or _Unsupported)."""
    if len(model.layers) != 2 or model.layers[1].name != "with_array(softmax)":
        raise _Unsupported("not a Tagger.v2 with a softmax output")
    tok2vec, output = model.layers
    if len(tok2vec.layers) != 2 or not tok2vec.layers[1].name.startswith("with_array(residual("):
        raise _Unsupported("not a Tok2Vec.v2 with a MaxoutWindowEncoder")
    embed, encoder = tok2vec.layers
    names = [layer.name for layer in embed.layers]
    if len(names) != 5 or names[1] != "list2ragged" or names[4] != "ragged2list" or \
            not names[2].startswith("with_array(") or not names[3].startswith("with_array(maxout"):
        raise _Unsupported("not a hash embedding with a maxout mixer")
    extract = embed.layers[0]
    if not extract.name.startswith("extract"):
        raise _Unsupported("no feature extractor")
    concat = embed.layers[2].layers[0]
    columns, tables = [], []
    offset = 0
    for branch in concat.layers:
        if [layer.name for layer in branch.layers] != ["ints-getitem", "hashembed"]:
            raise _Unsupported(f"unknown embedding branch {branch.name}")
        getitem, hashembed = branch.layers
        index = getitem.attrs["index"]
        if not (isinstance(index, tuple) and len(index) == 2 and isinstance(index[1], int)):
            raise _Unsupported("unknown column selection")
        E = hashembed.get_param("E")
        columns.append((index[1], hashembed.attrs["seed"], E.shape[0], offset))
        tables.append(E)
        offset += E.shape[0]
    mix = _flatten_layers(embed.layers[3])
    maxout = mix[0]
    mixer_norm = None
    if len(mix) > 1 and mix[1].name == "layernorm":
        mixer_norm = (mix[1].get_param("G"), mix[1].get_param("b"))
    if maxout.name != "maxout" or any(layer.name not in ("layernorm", "dropout") for layer in mix[1:]):
        raise _Unsupported("unknown mixer")
    W, b = _maxout_weights(maxout)  # (nI, nP * nO), pieces as column blocks
    width, pieces = maxout.get_dim("nO"), maxout.get_dim("nP")
    if W.shape[0] != sum(E.shape[1] for E in tables):
        raise _Unsupported("mixer width")
    projected, start = [], 0
    for E in tables:  # E_i @ W_i: the mixing product done once for every row of the tables
        projected.append(E @ W[start:start + E.shape[1]])
        start += E.shape[1]
    table = numpy.ascontiguousarray(numpy.concatenate(projected), dtype="float32")
    blocks = []
    for residual in encoder.layers[0].layers if encoder.layers[0].name.startswith("residual(") and \
            encoder.layers[0].name.count("residual(") > 1 else encoder.layers:
        if not residual.name.startswith("residual("):
            raise _Unsupported(f"unknown encoder layer {residual.name}")
        layers = _flatten_layers(residual.layers[0])
        if [layer.name for layer in layers[:3]] != ["expand_window", "maxout", "layernorm"] or \
                any(layer.name != "dropout" for layer in layers[3:]):
            raise _Unsupported(f"unknown encoder block {residual.name}")
        window, block_max, norm = layers[:3]
        if block_max.get_dim("nO") != width:
            raise _Unsupported("encoder width")
        bw, bb = _maxout_weights(block_max)
        blocks.append((window.attrs["window_size"], bw, bb, (norm.get_param("G"), norm.get_param("b"))))
    softmax = output.layers[0]
    if softmax.attrs.get("softmax_normalize", True) or softmax.attrs.get("softmax_temperature", 1.0) != 1.0:
        raise _Unsupported("normalized softmax")
    out_w = numpy.ascontiguousarray(softmax.get_param("W").T, dtype="float32")
    return (extract, columns, (table, numpy.ascontiguousarray(b), width, pieces), mixer_norm, blocks,
            encoder.attrs.get("pad", 0), (out_w, numpy.ascontiguousarray(softmax.get_param("b"))))


def _flatten_layers(layer: Model) -> list[Model]:
    """The leaf layers of nested chains and with_array wrappers, in order."""
    if layer.name.startswith(("with_array(", "residual(")) or not layer.layers:
        if layer.name.startswith("with_array("):
            return _flatten_layers(layer.layers[0])
        return [layer]
    if ">>" in layer.name:
        return [leaf for child in layer.layers for leaf in _flatten_layers(child)]
    return [layer]


def _maxout_weights(layer: Model) -> tuple[numpy.ndarray, numpy.ndarray]:
    """A maxout layer's W (nO, nP, nI) and b (nO, nP) as (nI, nP * nO) and (nP * nO,):
    X @ W gives the pieces as nP contiguous blocks of nO columns."""
    W, b = layer.get_param("W"), layer.get_param("b")
    n_out, n_pieces, n_in = W.shape
    W = W.transpose(1, 0, 2).reshape(n_pieces * n_out, n_in).T
    return numpy.ascontiguousarray(W, dtype="float32"), numpy.ascontiguousarray(b.T.reshape(-1), dtype="float32")


def _max_pieces(Y: numpy.ndarray, width: int) -> numpy.ndarray:
    out = Y[:, :width].copy()
    for start in range(width, Y.shape[1], width):
        numpy.maximum(out, Y[:, start:start + width], out=out)
    return out


def _layer_norm(X: numpy.ndarray, G: numpy.ndarray, b: numpy.ndarray) -> numpy.ndarray:
    """thinc's LayerNorm (moments by matrix products; X is overwritten)."""
    mean = numpy.full((X.shape[1], 1), 1.0 / X.shape[1], dtype="float32")
    X -= X @ mean
    var = (X * X) @ mean
    var += 1e-8
    numpy.sqrt(var, out=var)
    X /= var
    X *= G
    X += b
    return X


def _seq2col(X: numpy.ndarray, window: int) -> numpy.ndarray:
    """thinc's seq2col: each row with the ``window`` rows before and after it (zeros
    beyond the ends)."""
    n, width = X.shape
    out = numpy.zeros((n, width * (2 * window + 1)), dtype=X.dtype)
    for k in range(-window, window + 1):
        col = (k + window) * width
        if k < 0:
            out[-k:, col:col + width] = X[:n + k]
        elif k > 0:
            out[:n - k, col:col + width] = X[k:]
        else:
            out[:, col:col + width] = X
    return out


def _blas_one_thread():
    """A context manager that limits numpy's BLAS to one thread (threadpoolctl, when
    installed; otherwise a no-op)."""
    from contextlib import nullcontext

    try:
        from threadpoolctl import ThreadpoolController
    except ImportError:  # pragma: no cover
        return nullcontext
    blas = ThreadpoolController().select(user_api="blas")
    if not blas.lib_controllers:
        return nullcontext
    return lambda: blas.limit(limits=1)


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
                 min_confidence: float = 0.0, propagate: bool = False, fast: bool = True):
        from .model_merge import POLICIES

        if merge_policy not in POLICIES:
            raise ValueError(f"unknown merge policy {merge_policy!r}: use one of {', '.join(POLICIES)}")
        self.path = models_path(path)
        if not self.path.is_dir():
            raise FileNotFoundError(f"no trained NER model at {self.path}: run 'extractor train' "
                                    "or use the rules-only config (models/config.cfg)")
        trained = spacy.load(self.path)
        self.components = [proc for _, proc in trained.pipeline]
        # a single BILUO tagger (the shipped model) runs through NumpyTagger, batched
        self.tagger = self.components[0] if len(self.components) == 1 and \
            isinstance(self.components[0], BiluoTagger) else None
        self.fast = NumpyTagger.from_model(self.tagger.model) if self.tagger is not None and fast else None
        self.merge_policy = merge_policy
        self.governed = governed_labels
        self.lexicon = lexicon
        self.min_confidence = min_confidence
        self.propagate = propagate

    def __call__(self, doc: Doc) -> Doc:
        return self._run([doc])[0]

    def pipe(self, docs, batch_size: int = 32):
        """Batches of ``batch_size`` documents go through the model together (one set of
        matrix products a batch: cheaper a document than one call a document)."""
        from spacy.util import minibatch

        for batch in minibatch(docs, batch_size):
            yield from self._run(list(batch))

    def _run(self, docs: list[Doc]) -> list[Doc]:
        has_mentions = Doc.has_extension("mentions")
        mentions = [doc._.mentions if has_mentions else None for doc in docs]
        if self.fast is not None:
            for doc, prediction, found in zip(docs, self.tagger.decode(self.fast(docs)), mentions):
                tokens = TokenBounds(doc)
                spans = self.tagger.entities(doc, prediction, tokens)
                if found is None:
                    doc.ents = spans
                else:  # the merge sets doc.ents
                    self._merge(doc, found, spans, tokens)
            return docs
        for proc in self.components:
            docs = list(proc.pipe(docs)) if hasattr(proc, "pipe") else [proc(doc) for doc in docs]
        for doc, found in zip(docs, mentions):
            if found is not None:
                self._merge(doc, found, list(doc.ents), TokenBounds(doc))
        return docs

    def _merge(self, doc: Doc, mentions, model_spans, tokens: TokenBounds) -> None:
        from .mentions import set_mentions
        from .model_merge import merge_mentions

        merged = merge_mentions(doc, mentions, model_spans, self.lexicon, self.merge_policy, self.governed,
                                doc.user_data.get(CONFIDENCE_KEY), self.min_confidence, self.propagate)
        set_mentions(doc, merged, tokens)
