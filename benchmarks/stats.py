"""Time each all-time statistic (#25) on 100,000 plays of 2,500 shows; target < 0.5 s each.

Run ``python benchmarks/stats.py`` (``make bench`` runs every benchmark); it prints
seconds and asserts nothing. The data is synthetic: 2,500 shows with one to three
genres, a network (a tenth unknown), a country, a language, a premiere year and
eight credits each; 100,000 plays over ten years (5 % movies, a tenth of the
runtimes unknown); 3,000 ratings. Each line is the best of three runs.
"""

from __future__ import annotations

import io
import time

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

import trakt_analysis as ta
from trakt_analysis.frames import history_frame, ratings_frame
from trakt_analysis.parsers.show_metadata import TVMAZE_TO_TRAKT

N_PLAYS = 100_000
N_SHOWS = 2_500
N_RATINGS = 3_000
ZONE = "Europe/Berlin"
TARGET = 0.5  # seconds, each statistic


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
    show = rng.integers(0, N_SHOWS, N_PLAYS)
    movie = rng.random(N_PLAYS) < 0.05
    runtime = rng.choice([22, 30, 45, 60], N_PLAYS).astype(object)
    runtime[rng.random(N_PLAYS) < 0.1] = None
    at = pd.Timestamp("2016-01-01", tz="UTC") + pd.to_timedelta(
        rng.integers(0, 3650 * 24 * 60, N_PLAYS), "min"
    )
    history = history_frame(
        {
            "title": np.where(movie, "A Movie", np.array(shows["title"])[show]),
            "year": np.where(movie, 2010, 1960 + (show + 1) % 66),
            "trakt_id": np.where(movie, 900_000 + show % 300, show + 1),
            "watched_at": at,
            "action": rng.choice(["scrobble", "checkin", "watch"], N_PLAYS),
            "type": np.where(movie, "movie", "episode"),
            "season": np.where(movie, None, 1 + rng.integers(0, 5, N_PLAYS)),
            "episode": np.where(movie, None, 1 + rng.integers(0, 20, N_PLAYS)),
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


def best_of(run, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = run()
        if hasattr(result, "figure"):  # a chart: render it as the report would
            result.figure.savefig(io.BytesIO(), format="png", dpi=100)
            plt.close(result.figure)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    progress = make_progress()
    print(
        f"{len(progress.history):,} plays of {N_SHOWS:,} shows, {N_RATINGS:,} ratings, "
        f"{len(progress.people):,} credits; target < {TARGET} s each (best of 3)"
    )
    steps = {
        "breakdown (genre)": lambda: ta.breakdown(progress, "genre"),
        "breakdown (network)": lambda: ta.breakdown(progress, "network"),
        "breakdown (decade)": lambda: ta.breakdown(progress, "decade"),
        "breakdown (country, year=2024)": lambda: ta.breakdown(
            progress, "country", year=2024, tz=ZONE
        ),
        "top_people (cast)": lambda: ta.top_people(progress, role="cast"),
        "rating_stats": lambda: ta.rating_stats(progress, tz=ZONE),
        "top_movies": lambda: ta.top_movies(progress),
        "shows_vs_movies": lambda: ta.shows_vs_movies(progress),
        "plot_breakdown (genre, savefig)": lambda: ta.plot_breakdown(progress, "genre"),
        "plot_ratings (savefig)": lambda: ta.plot_ratings(progress),
    }
    for label, run in steps.items():
        seconds = best_of(run)
        flag = "" if seconds < TARGET else "  (over the target)"
        print(f"  {label:36s} {seconds:6.3f} s{flag}", flush=True)


if __name__ == "__main__":
    main()
