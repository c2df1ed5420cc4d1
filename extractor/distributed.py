"""Runs past one machine with dask.distributed: the input files are split into partitions,
one task a partition, and each task writes its own output part (OUT.part-00000.jsonl ...;
a PostgreSQL output is shared by all parts, under one run_id). Workers read the inputs and
write the parts by path, so they need a shared file system.

Each worker process loads the pipeline once. spaCy runs Python code, so run workers with
one thread each and scale with processes (``dask worker ADDRESS --nthreads 1 --nworkers N``).
"""
from __future__ import annotations

import threading
from dataclasses import dataclass, replace
from pathlib import Path

from .batch import Tally, run_batch
from .pipeline import Extractor, load

_PIPELINES: dict[tuple, Extractor] = {}
_LOCK = threading.Lock()  # threads of one worker process take turns with its pipeline


@dataclass(frozen=True)
class Job:
    """What every partition task needs besides its files."""

    output: str
    output_format: str
    input_format: str = "auto"
    resume: bool = False
    run_id: str | None = None
    config: str | None = None
    model: str | None = None
    batch_size: int = 32
    command: str | None = None


def part_output(output: str, number: int, output_format: str) -> str:
    """OUT.part-00003.jsonl for OUT.jsonl (a folder gets a part-00003 subfolder); database URLs are shared."""
    if output_format == "postgresql":
        return output
    path = Path(output)
    if output_format == "brat" or not path.suffix:
        return str(path / f"part-{number:05d}")
    return str(path.with_name(f"{path.stem}.part-{number:05d}{path.suffix}"))


def partitions(files: list[Path], count: int | None) -> list[list[Path]]:
    """`count` contiguous groups of files of nearly equal size (default: one file a partition)."""
    count = max(1, min(count or len(files), len(files)))
    size, extra = divmod(len(files), count)
    groups, start = [], 0
    for number in range(count):
        end = start + size + (number < extra)
        groups.append(files[start:end])
        start = end
    return groups


def run_dask(files: list[Path], job: Job, scheduler: str | None = None, n_partitions: int | None = None,
             n_workers: int = 1) -> tuple[Tally, list[str]]:
    """Run every partition on the cluster at `scheduler` (a LocalCluster of `n_workers`
    processes when None); the merged counts and the part outputs, in partition order."""
    from dask.distributed import Client, LocalCluster

    if job.output_format == "sqlite":
        raise ValueError("the dask backend writes file parts or PostgreSQL; SQLite allows one writer at a time")
    if not files:
        raise ValueError("no input files")
    groups = partitions(files, n_partitions)
    outputs = [part_output(job.output, number, job.output_format) for number in range(len(groups))]
    run = None
    if job.output_format == "postgresql":  # one run for all parts, recorded here
        from .database import DatabaseSink
        run = DatabaseSink(job.output, run_id=job.run_id, resume=job.resume, command=job.command)
        job = replace(job, run_id=run.run_id)
    cluster = None if scheduler else LocalCluster(n_workers=n_workers, threads_per_worker=1)
    try:
        with Client(scheduler or cluster) as client:
            futures = client.map(_run_partition, groups, outputs, job=job, pure=False)
            tallies = client.gather(futures)
    finally:
        if cluster is not None:
            cluster.close()
    if run is not None:
        run.close()
    total = Tally()
    for tally in tallies:
        total.merge(tally)
    return total, outputs


def _run_partition(files: list[Path], output: str, job: Job) -> Tally:
    from .readers import read_inputs
    from .writers import open_writer

    with _LOCK:
        key = (job.config, job.model)
        if key not in _PIPELINES:
            _PIPELINES[key] = load(job.config, model=job.model)
        writer = open_writer(output, job.output_format, resume=job.resume, run_id=job.run_id, command=job.command)
        try:
            return run_batch(_PIPELINES[key], read_inputs(files, job.input_format), writer,
                             batch_size=job.batch_size)
        finally:
            writer.close()
