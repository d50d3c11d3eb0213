"""Time each statistic on 100,000 plays of 2,500 shows, beside ``json.loads`` of the history.

Run ``python benchmarks/stats.py`` (``make bench`` runs every benchmark); it prints
seconds and asserts nothing. Targets (issues #25, #28): each statistic under
0.5 s, ``year_in_review`` under 1 s. The data is synthetic: 2,500 shows with
one to three genres, a network (a tenth unknown), a country, a language, a
premiere year and eight credits each; 100,000 plays over ten years, watched in
sittings of one to six episodes of a show (so there are binges), 5 % movies, a
tenth of the runtimes unknown; 3,000 ratings. Each statistic is printed as its
first call, the best of three, and the best as a multiple of ``json.loads`` of
the history's JSON (``_scale.py``), measured in the same run. ``ta.backlog``
needs the progress counts this data lacks: ``benchmarks/backlog.py`` times it.
"""

from __future__ import annotations

import io
import time

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from _scale import loads_seconds

import trakt_analysis as ta
from trakt_analysis.frames import history_frame, ratings_frame
from trakt_analysis.parsers.show_metadata import TVMAZE_TO_TRAKT

N_PLAYS = 100_000
N_SHOWS = 2_500
N_RATINGS = 3_000
ZONE = "Europe/Berlin"
TARGET = 0.5  # seconds, each statistic
TARGETS = {"year_in_review (2024)": 1.0}  # seconds, where another


def make_progress(seed: int = 0) -> ta.Progress:
    rng = np.random.default_rng(seed)
    genres = sorted(set(TVMAZE_TO_TRAKT["genres"].values()))
    networks = ["HBO", "Netflix", "BBC One", "NBC", "AMC", "Apple TV+", "FX", "NHK", "ZDF", "tvN"]
    ids = np.arange(1, N_SHOWS + 1)
    shows = pd.DataFrame(
        {
            "user": "bench",
            "title": [f"Show {i}" for i in ids],
            "year": pd.array(1960 + ids % 66, dtype="Int64"),
            "trakt_id": pd.array(ids, dtype="Int64"),
            "genres": pd.Series(
                [list(rng.choice(genres, rng.integers(1, 4), replace=False)) for _ in ids],
                dtype=object,
            ),
            "network": pd.array(
                [None if i % 10 == 0 else networks[i % len(networks)] for i in ids], dtype="str"
            ),
            "country": pd.array([("us", "gb", "de", "jp", "kr")[i % 5] for i in ids], dtype="str"),
            "language": pd.array([("en", "en", "de", "ja", "ko")[i % 5] for i in ids], dtype="str"),
            "show_type": pd.array(["scripted"] * N_SHOWS, dtype="str"),
            "status": pd.array(["ended", "returning series"] * (N_SHOWS // 2), dtype="str"),
            "premiered_year": pd.array(1960 + ids % 66, dtype="Int64"),
            "runtime": pd.array(rng.choice([22, 30, 45, 60], N_SHOWS), dtype="Int64"),
            "plays": pd.array(np.zeros(N_SHOWS, dtype=int), dtype="Int64"),
        }
    )
    # Sittings of 1-6 plays of one show, 50 minutes apart, in order of episode.
    sizes = rng.choice([1, 1, 1, 2, 3, 4, 6], N_PLAYS)
    sizes = sizes[: int(np.searchsorted(np.cumsum(sizes), N_PLAYS)) + 1]
    sitting = np.repeat(np.arange(len(sizes)), sizes)[:N_PLAYS]
    nth = np.arange(N_PLAYS) - np.r_[0, np.cumsum(sizes)][sitting]
    show = rng.integers(0, N_SHOWS, len(sizes))[sitting]
    movie = rng.random(N_PLAYS) < 0.05
    runtime = rng.choice([22, 30, 45, 60], N_PLAYS).astype(object)
    runtime[rng.random(N_PLAYS) < 0.1] = None
    start = rng.integers(0, 3650 * 24 * 60, len(sizes))[sitting]
    at = pd.Timestamp("2016-01-01", tz="UTC") + pd.to_timedelta(start + 50 * (nth + 1), "min")
    history = history_frame(
        {
            "title": np.where(movie, "A Movie", np.array(shows["title"])[show]),
            "year": np.where(movie, 2010, 1960 + (show + 1) % 66),
            "trakt_id": np.where(movie, 900_000 + show % 300, show + 1),
            "watched_at": at,
            "action": rng.choice(["scrobble", "checkin", "watch"], N_PLAYS),
            "type": np.where(movie, "movie", "episode"),
            "season": np.where(movie, None, 1 + rng.integers(0, 5, len(sizes))[sitting]),
            "episode": np.where(movie, None, 1 + rng.integers(0, 14, len(sizes))[sitting] + nth),
            "runtime": runtime,
        },
        user="bench",
    )
    rated = rng.choice(N_SHOWS, N_RATINGS)
    ratings = ratings_frame(
        {
            "title": [f"Show {i + 1}" for i in rated],
            "year": pd.array(1960 + (rated + 1) % 66, dtype="Int64"),
            "trakt_id": pd.array(rated + 1, dtype="Int64"),
            "type": pd.array(rng.choice(["show", "season", "episode", "movie"], N_RATINGS), "str"),
            "rating": pd.array(rng.integers(1, 11, N_RATINGS), dtype="Int64"),
            "rated_at": pd.array(at[:N_RATINGS], dtype="datetime64[ns, UTC]"),
        },
        user="bench",
    )
    credit_show = np.repeat(np.arange(N_SHOWS), 8)
    people = pd.DataFrame(
        {
            "title": np.array(shows["title"])[credit_show],
            "year": pd.array(np.array(shows["year"])[credit_show], dtype="Int64"),
            "trakt_id": pd.array(credit_show + 1, dtype="Int64"),
            "role": np.tile(["cast"] * 6 + ["crew"] * 2, N_SHOWS),
            "person_id": pd.array(rng.integers(1, 6_000, len(credit_show)), dtype="Int64"),
            "name": [f"Person {k}" for k in rng.integers(1, 6_000, len(credit_show))],
            "character": "Someone",
            "job": "Creator",
        }
    )
    empty = pd.DataFrame()
    provenance = ta.Provenance("export", "benchmark", timezone=ZONE)
    return ta.Progress(
        shows,
        empty,
        empty,
        "bench",
        history=history,
        provenance=provenance,
        ratings=ratings,
        people=people,
    )


def timed(run) -> tuple[float, float, float]:
    """The first call's seconds, the best of three, and the best of three in CPU seconds.

    A chart includes its savefig. CPU time (this process's) moves less than the
    clock when other processes share the machine.
    """
    times, cpu = [], []
    for _ in range(3):
        start, start_cpu = time.perf_counter(), time.process_time()
        result = run()
        if hasattr(result, "figure"):  # a chart: render it as the report would
            result.figure.savefig(io.BytesIO(), format="png", dpi=100)
            plt.close(result.figure)
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return times[0], min(times), min(cpu)


def main() -> None:
    progress = make_progress()
    loads, loads_cpu, size = loads_seconds(progress.history)
    print(
        f"{len(progress.history):,} plays of {N_SHOWS:,} shows, {N_RATINGS:,} ratings, "
        f"{len(progress.people):,} credits, in {ZONE}; target < {TARGET} s each "
        "(year_in_review < 1 s)"
    )
    print(
        f"  json.loads of the history ({size / 1e6:.1f} MB of Trakt's JSON, best of 5): "
        f"{loads:.3f} s, CPU {loads_cpu:.3f} s"
    )
    print(f"  {'seconds':36s} {'first':>7s} {'best of 3':>10s} {'x loads':>8s} {'CPU':>7s}")
    z = {"tz": ZONE}
    steps = {
        "watch_clock": lambda: ta.watch_clock(progress, **z),
        "watch_time (day)": lambda: ta.watch_time(progress, freq="day", **z),
        "watch_time (month)": lambda: ta.watch_time(progress, freq="month", **z),
        "watch_calendar (2024)": lambda: ta.watch_calendar(progress, year=2024, **z),
        "streaks": lambda: ta.streaks(progress, today="2026-01-01", **z),
        "binge_sessions": lambda: ta.binge_sessions(progress, **z),
        "top_shows": lambda: ta.top_shows(progress),
        "rewatches": lambda: ta.rewatches(progress),
        **{
            f"breakdown ({by})": (lambda by=by: ta.breakdown(progress, by))
            for by in ("genre", "network", "country", "language", "decade", "type", "status")
        },
        "breakdown (country, year=2024)": lambda: ta.breakdown(progress, "country", year=2024, **z),
        "top_people (cast)": lambda: ta.top_people(progress, role="cast"),
        "top_people (crew)": lambda: ta.top_people(progress, role="crew"),
        "rating_stats": lambda: ta.rating_stats(progress, **z),
        "top_movies": lambda: ta.top_movies(progress),
        "shows_vs_movies": lambda: ta.shows_vs_movies(progress),
        "year_in_review (2024)": lambda: ta.year_in_review(progress, 2024, **z),
        "month_in_review (2024-10)": lambda: ta.month_in_review(progress, 2024, 10, **z),
        "plot_breakdown (genre, savefig)": lambda: ta.plot_breakdown(progress, "genre"),
        "plot_ratings (savefig)": lambda: ta.plot_ratings(progress),
    }
    for label, run in steps.items():
        first, best, cpu = timed(run)
        target = TARGETS.get(label, TARGET)
        flag = "" if best < target else f"  (over the target, {target} s)"
        print(
            f"  {label:36s} {first:7.3f} {best:10.3f} {best / loads:7.2f}x {cpu:7.3f}{flag}",
            flush=True,
        )


if __name__ == "__main__":
    main()
