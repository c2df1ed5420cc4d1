"""Render `evaluation.scoring.score(..., details=True)` results: terminal, Markdown, HTML."""

from __future__ import annotations

import base64
import html as _html
import io
import re
from collections import defaultdict
from pathlib import Path

from rich import box
from rich.table import Table

from evaluation.scoring import ENTITY_MODES, MODES

TITLES = {"strict": "Entities, strict span", "overlap": "Entities, overlapping span",
          "normalized": "Entities, identifiers (document level)",
          "relations": "Relations (gene, drug, type)",
          "relations_variant": "Relations (gene, variant, drug, type)",
          "relations_mention": "Relations with the same evidence sentence",
          "negated": "Negated relations only", "speculative": "Speculative relations only"}
HEADER = ("label", "P", "R", "F1", "95% CI", "TP", "FP", "FN")
FORMATS = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}


def write_report(path: str | Path, result: dict) -> None:
    """Write a Markdown or HTML report, chosen by the extension of ``path``."""
    kind = FORMATS.get(Path(path).suffix.lower())
    if kind is None:
        raise ValueError(f"unknown report format {Path(path).suffix!r}: use .md or .html")
    text = markdown(result) if kind == "markdown" else html(result)
    Path(path).write_text(text, encoding="utf-8")


def table(result: dict) -> Table:
    """One rich table of every scored mode and label."""
    grid = Table(title="Evaluation", box=box.SIMPLE_HEAD)
    for column in HEADER:
        grid.add_column(column, justify="left" if column == "label" else "right",
                        no_wrap=column != "label")
    for mode in _scored_modes(result):
        grid.add_row(f"[bold]{mode}[/bold]")
        for cells in _rows(result[mode]):
            grid.add_row(*cells, end_section=cells[0] == "macro")
    grid.caption = _footer(result)
    return grid


def markdown(result: dict) -> str:
    """A Markdown report: score tables, error counts and the error listing."""
    out = ["# Evaluation report", "", _footer(result), ""]
    for mode in _scored_modes(result):
        out += [f"## {TITLES[mode]}", "", _md_row(HEADER), _md_row(["---"] * len(HEADER))]
        out += [_md_row(cells) for cells in _rows(result[mode])] + [""]
    groups = _error_groups(result.get("errors", []))
    if groups:
        out += ["## Errors", "", _md_row(("label", "error", "FN", "FP")), _md_row(["---"] * 4)]
        out += [_md_row((label, error, _count(items, "FN"), _count(items, "FP")))
                for (label, error), items in groups.items()] + [""]
        for (label, error), items in groups.items():
            out += [f"### {label}: {error} ({len(items)})", ""]
            for item in items:
                other = f" (other side: {_md(_other(item))})" if item["other"] else ""
                out.append(f"- {item['kind']} `{item['doc_id']}` {_md(_span_text(item))}{other}: "
                           + _marked(item, _md, _md_mark))
            out.append("")
    return "\n".join(out)


def html(result: dict) -> str:
    """A self-contained HTML report with embedded plots and the marked-up error listing."""
    esc = _html.escape
    body = [f"<h1>Evaluation report</h1><p>{esc(_footer(result))}</p>"]
    for mode in _scored_modes(result):
        head = "".join(f"<th>{esc(c)}</th>" for c in HEADER)
        rows = "".join("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in cells) + "</tr>"
                       for cells in _rows(result[mode]))
        body.append(f"<h2>{esc(TITLES[mode])}</h2><table><tr>{head}</tr>{rows}</table>")
    body.append("<h2>Plots</h2>" + "".join(
        f'<img alt="{esc(alt)}" src="data:image/png;base64,{png}">' for alt, png in _plots(result)))
    if not any(result.get("sweep", {}).values()):
        body.append("<p>No precision-recall curve: no prediction carries a confidence.</p>")
    groups = _error_groups(result.get("errors", []))
    if groups:
        body.append("<h2>Errors</h2>")
    for (label, error), items in groups.items():
        rows = "".join(
            f"<tr><td>{esc(i['kind'])}</td><td>{esc(i['doc_id'])}</td><td>{esc(_span_text(i))}</td>"
            f"<td>{esc(_other(i))}</td><td>{_marked(i, esc, _html_mark)}</td></tr>" for i in items)
        body.append(f"<details><summary>{esc(label)}: {esc(error)} ({len(items)})</summary><table>"
                    "<tr><th>kind</th><th>doc</th><th>mention</th><th>other side</th>"
                    f"<th>sentence</th></tr>{rows}</table></details>")
    style = ("body{font-family:sans-serif;max-width:70em;margin:auto}table{border-collapse:collapse;"
             "margin:.5em 0}td,th{border:1px solid #ccc;padding:2px 6px;text-align:right}"
             "td:first-child,th:first-child{text-align:left}mark{background:#fd6}"
             "details td{text-align:left}img{max-width:48%}")
    return ('<!DOCTYPE html><html><head><meta charset="utf-8"><title>Evaluation report</title>'
            f"<style>{style}</style></head><body>{''.join(body)}</body></html>")


# -- shared pieces -----------------------------------------------------------------

def _scored_modes(result: dict) -> list[str]:
    """Modes with anything in gold or predictions."""
    return [mode for mode in MODES
            if mode in result and sum(result[mode]["micro"][k] for k in ("tp", "fp", "fn"))]


def _rows(scores: dict) -> list[list[str]]:
    rows = []
    for label, s in scores.items():
        ci = f"{s['ci_low']:.3f}-{s['ci_high']:.3f}" if "ci_low" in s else ""
        rows.append([label, f"{s['p']:.3f}", f"{s['r']:.3f}", f"{s['f1']:.3f}", ci,
                     str(s["tp"]), str(s["fp"]), str(s["fn"])])
    return rows


def _footer(result: dict) -> str:
    docs, va = result["documents"], result["variant_accuracy"]
    text = (f"Documents: {docs['gold']} gold, {docs['pred']} predicted "
            f"({docs['gold_only']} only in gold, {docs['pred_only']} only in predictions).")
    if va["matched"]:
        text += (f" Variant accuracy of matched gene-drug relations: {va['accuracy']:.3f} "
                 f"({va['correct']} of {va['matched']}).")
    return text


def _error_groups(errors: list[dict]) -> dict[tuple[str, str], list[dict]]:
    groups = defaultdict(list)
    for item in errors:
        groups[item["label"], item["error"]].append(item)
    return dict(sorted(groups.items()))


def _count(items: list[dict], kind: str) -> str:
    return str(sum(item["kind"] == kind for item in items))


def _span_text(item: dict) -> str:
    where = f" [{item['start']}:{item['end']}]" if item["start"] is not None else ""
    ident = f" {item['normalized']}" if item["normalized"] else ""
    return f"{item['text']}{where}{ident}"


def _other(item: dict) -> str:
    other = item["other"]
    if isinstance(other, dict):
        where = f"[{other['start']}:{other['end']}]"
        return " ".join(str(x) for x in (other["text"], where, other["label"], other["normalized"]) if x)
    return other or ""


def _marked(item: dict, escape, mark) -> str:
    """The error's sentence, escaped, with its span passed through ``mark``."""
    sentence, offset = item["sentence"], item["sentence_start"]
    if offset is None or not sentence:
        return escape(sentence)
    start, end = item["start"] - offset, min(item["end"] - offset, len(sentence))
    return escape(sentence[:start]) + mark(sentence[start:end]) + escape(sentence[end:])


def _html_mark(text: str) -> str:
    return f"<mark>{_html.escape(text)}</mark>"


def _md_mark(text: str) -> str:
    return f"**{_md(text)}**"


def _md(text: str) -> str:
    return re.sub(r"([\\`*_\[\]<>|#])", r"\\\1", re.sub(r"\s+", " ", str(text)))


def _md_row(cells) -> str:
    return "| " + " | ".join(_md(c) if c != "---" else c for c in cells) + " |"


# -- plots -------------------------------------------------------------------------

def _plots(result: dict) -> list[tuple[str, str]]:
    """(alt text, base64 PNG) of the PR curves and the per-label F1 bars."""
    # matplotlib takes most of a second to import: only HTML reports pay for it.
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    def png(figure: Figure) -> str:
        buffer = io.BytesIO()
        FigureCanvasAgg(figure).print_png(buffer)
        return base64.b64encode(buffer.getvalue()).decode("ascii")

    plots = []
    sweep = result.get("sweep", {})
    if any(sweep.values()):
        figure = Figure(figsize=(5, 4), dpi=100, layout="constrained")
        axes = figure.add_subplot()
        for kind, points in sweep.items():
            if points:
                axes.plot([p["r"] for p in points], [p["p"] for p in points], marker=".", label=kind)
        axes.set(xlabel="recall", ylabel="precision", xlim=(0, 1.02), ylim=(0, 1.02),
                 title="Precision-recall by confidence threshold")
        axes.legend()
        plots.append(("precision-recall curve", png(figure)))
    labels = sorted({label for mode in ENTITY_MODES for label in result.get(mode, {})}
                    - {"micro", "macro"})
    if labels:
        figure = Figure(figsize=(6, 4), dpi=100, layout="constrained")
        axes = figure.add_subplot()
        width = 0.8 / len(ENTITY_MODES)
        for i, mode in enumerate(ENTITY_MODES):
            scores = [result[mode].get(label, {}).get("f1", 0.0) for label in labels]
            axes.bar([x + i * width for x in range(len(labels))], scores, width, label=mode)
        axes.set_xticks([x + width for x in range(len(labels))], labels, rotation=20)
        axes.set(ylabel="F1", ylim=(0, 1.15), title="Entity F1 per label")
        axes.legend(ncols=len(ENTITY_MODES), loc="upper center")
        plots.append(("per-label F1", png(figure)))
    return plots
