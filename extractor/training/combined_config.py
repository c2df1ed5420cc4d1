"""Write models/config_ner.cfg from models/config.cfg: the same pipeline with the trained
NER component after the entity component.

    python -m extractor.training.combined_config [--policy model_only]

Run it whenever config.cfg changes (tests/test_train.py fails while the two differ in
anything but the NER component).
"""
from __future__ import annotations

import argparse
import re

from ..resources import models_path

HEADER = """\
# The combined pipeline: the default one (config.cfg) with the trained NER component
# (models/ner, see models/README.md) after the entity component: the model reads the
# rules' mentions as features and has the last word on GENE and DRUG. Runs offline.
# Generated from config.cfg by `python -m extractor.training.combined_config`; edit
# config.cfg and run that again (tests/test_train.py checks the two are in step).
"""
NER_SECTION = """\
[components.ner]
factory = "extractor_ner"
path = "{path}"
# GENE and DRUG as the model finds them (it sees the rules' mentions as features);
# VARIANT, DRUG_CLASS and TUMOR_SUBTYPE as the rules find them. See extractor/model_merge.py.
merge_policy = "{policy}"
governed_labels = ["GENE", "DRUG"]
# a model entity the rules did not find needs this confidence (lowest tag probability)
min_confidence = 0.7
# spread GENE / DRUG mentions to the other occurrences of their text and abbreviations
propagate = true

"""


def combined_config(rules: str, policy: str = "model_only", path: str = "ner") -> str:
    """The text of the combined config for the text of the rules-only one."""
    pipeline = re.search(r"^pipeline = \[(.*)\]$", rules, re.M)
    if pipeline is None or '"entities"' not in pipeline.group(1):
        raise ValueError("config.cfg has no pipeline list with an 'entities' component")
    names = pipeline.group(1).replace('"entities"', '"entities", "ner"')
    text = rules[:pipeline.start()] + f"pipeline = [{names}]" + rules[pipeline.end():]
    body = text[text.index("[nlp]"):]
    anchor = body.find("[components.relations]")
    section = NER_SECTION.format(path=path, policy=policy)
    body = body[:anchor] + section + body[anchor:] if anchor >= 0 else body.rstrip() + "\n\n" + section
    return HEADER + "\n" + body


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--policy", default="model_only", help="merge policy (extractor/model_merge.py)")
    parser.add_argument("--path", default="ner", help="trained model folder under models/")
    parser.add_argument("--rules", default="config.cfg")
    parser.add_argument("--output", default="config_ner.cfg")
    args = parser.parse_args()
    text = combined_config(models_path(args.rules).read_text(encoding="utf-8"), args.policy, args.path)
    models_path(args.output).write_text(text, encoding="utf-8")
    print(f"wrote {models_path(args.output)}")


if __name__ == "__main__":
    main()
