"""The schema of the frames, declared once: column name -> dtype.

Every source (a v1 response, API v2, the account export) produces the same
frames, so plotting, widgets and reports can rely on these names and dtypes.
A column a source cannot fill is all NA (never a made-up 0); :data:`FILLED_BY`
says which source fills which column. Columns listed here are always present,
in this order. The shows frame may carry further columns after them: the extra
fields of the ``show`` object (``extended=normal|full``), flattened with ``_``.

The identity columns (``user``, ``title``, ``year`` and the ids) are on
every frame, so the frames join on them. In the long frames (seasons,
episodes and history) they are compact: the ids and titles are categoricals
(a title repeated on 200,000 episode rows then costs a 2-byte code per row
instead of a string) and the year is Int16 (see :func:`frame_dtypes`); season
and episode numbers are int32 (the parser caps them far below its limit), an
episode's plays and runtime Int32. ``benchmarks/loader.py`` prints what the
three frames of a 2,500-show response take against the response's bytes.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

__all__ = [
    "API_SORT_ORDERS",
    "CATEGORICAL_IN_LONG_FRAMES",
    "EPISODES",
    "FILLED_BY",
    "FILLED_BY_METADATA",
    "HISTORY",
    "IDENTITY",
    "PEOPLE",
    "RATINGS",
    "RATING_TYPES",
    "SCHEDULE",
    "SEASONS",
    "SHOWS",
    "SHOW_METADATA",
    "SMALL_INTS_IN_LONG_FRAMES",
    "VIEWER",
    "categories_dtype",
    "frame_dtypes",
]

STR = pd.StringDtype(na_value=float("nan"))  # pandas 3's default "str" dtype
UTC = pd.DatetimeTZDtype(tz="UTC")

#: Columns that identify a show; present on every frame. ``(title, year)`` is not
#: unique (remakes, and a movie and a show may share both): Trakt's ids are kept.
#: v1 sends imdb, tvdb and tvrage ids; v2 and the export send trakt, slug, imdb,
#: tvdb and tmdb ids.
IDENTITY: dict[str, object] = {
    "user": STR,
    "title": STR,
    "year": "Int64",
    "trakt_id": "Int64",
    "slug": STR,
    "imdb_id": STR,
    "tvdb_id": "Int64",
    "tmdb_id": "Int64",
    "tvrage_id": "Int64",
}

#: Fields that valid auth adds. They describe the viewer, not the show's stats.
VIEWER: dict[str, object] = {
    "viewer_watched": "boolean",
    "viewer_plays": "Int64",
    "viewer_in_watchlist": "boolean",
    "viewer_rating": STR,
}

#: What the show is, in Trakt's vocabulary, from whichever source has it: API v1
#: or v2 ``extended=full`` show objects, else TVmaze's show record (mapped through
#: :data:`trakt_analysis.parsers.show_metadata.TVMAZE_TO_TRAKT`). NA when unknown.
#:
#: ``genres`` holds a list of Trakt's genre slugs per show (``["drama",
#: "science-fiction"]``), ready for ``shows.explode("genres")`` (one row per show
#: and genre); NA (None) when no source lists any. ``network`` is the TV network
#: or, for a show without one, the streaming service (TVmaze's web channel);
#: ``country`` its ISO 3166-1 code and ``language`` the show's ISO 639-1 code, both
#: lower case as Trakt sends them (``"us"``, ``"en"``); ``show_type`` TVmaze's type
#: as a slug (``"scripted"``, ``"reality"``, ``"talk-show"``, ...; Trakt has no such
#: field); ``status`` Trakt's (``"returning series"``, ``"ended"``, ``"canceled"``,
#: ...); ``premiered_year`` the year the show first aired; ``runtime`` a typical
#: episode's minutes.
SHOW_METADATA: dict[str, object] = {
    "genres": "object",
    "network": STR,
    "country": STR,
    "language": STR,
    "show_type": STR,
    "status": STR,
    "premiered_year": "Int64",
    "runtime": "Int64",
}

#: One row per show (per item of the response), in the response's order.
SHOWS: dict[str, object] = {
    **IDENTITY,
    "aired": "Int64",
    "completed": "Int64",
    "left": "Int64",
    "percentage": "Int64",
    # completed / aired as a fraction in [0, 1]; NA when nothing has aired.
    # Recomputed by us; ``percentage`` is what the API reported.
    "completion": "Float64",
    "plays": "Int64",
    "scrobbles": "Int64",
    "checkins": "Int64",
    "seen": "Int64",
    "next_season": "Int64",
    "next_number": "Int64",
    "next_title": STR,
    "next_first_aired": UTC,
    # When the user last watched an episode of the show, and when they reset it
    # to watch it again (a rewatch); UTC. v1 sends neither.
    "last_watched_at": UTC,
    "reset_at": UTC,
    **VIEWER,
    **SHOW_METADATA,
}

#: One row per season, listed or hidden; by show, then season number.
SEASONS: dict[str, object] = {
    **IDENTITY,
    "season": "int32",
    "aired": "Int64",
    "completed": "Int64",
    "left": "Int64",
    "percentage": "Int64",
    "completion": "Float64",
    "hidden": "bool",
}

#: One row per episode key of every listed season; by show, season, episode.
EPISODES: dict[str, object] = {
    **IDENTITY,
    "season": "int32",
    "episode": "int32",
    "watched": "bool",
    # Plays of this episode and the last one (UTC); v1 sends neither.
    "plays": "Int32",
    "last_watched_at": UTC,
    # The episode's air time (UTC) and runtime in minutes, where the source or
    # the metadata (TVmaze) has them.
    "first_aired": UTC,
    "runtime": "Int32",
}

#: One row per play (a scrobble, a check-in or a "seen" mark), newest first, as
#: in the API's history and the export's ``watched-history-N.json``. Episodes
#: and movies: ``type`` tells them apart; a movie's ``season``/``episode`` are NA
#: and its ``title``/``year``/ids are the movie's. ``None`` for sources without
#: a history (v1).
HISTORY: dict[str, object] = {
    **IDENTITY,
    "id": "Int64",  # the history entry's id
    "watched_at": UTC,
    "action": STR,  # "scrobble", "checkin" or "watch" (marked as seen)
    "type": STR,  # "episode" or "movie"
    "season": "Int64",
    "episode": "Int64",
    "episode_title": STR,
    "episode_trakt_id": "Int64",
    "runtime": "Int32",  # minutes; NA when unknown, never 0
}

#: The kinds of item a user rates on trakt.tv, as ``RATINGS["type"]`` spells them.
RATING_TYPES: tuple[str, ...] = ("show", "season", "episode", "movie")

#: The API's six orders of the shows, as its ``sort`` parameter spells them (the v1
#: ``user/progress/watched`` endpoint's sort segment, the seed doc's list):
#: :data:`~trakt_analysis.SORT_ORDERS` begins with them.
API_SORT_ORDERS: tuple[str, ...] = (
    "title",
    "activity",
    "most-completed",
    "least-completed",
    "recently-aired",
    "previously-aired",
)

#: One row per rating the user gave (``Progress.ratings``), newest first: from the
#: account export's ``ratings-shows.json``, ``ratings-seasons.json``,
#: ``ratings-episodes.json`` and ``ratings-movies.json`` (``-N`` when paged), or
#: API v2's ``/sync/ratings``. ``type`` is one of :data:`RATING_TYPES`; the
#: identity columns are the show's (for a show, season or episode) or the movie's;
#: ``season`` is set for seasons and episodes, ``episode`` for episodes.
#: ``rating`` is Trakt's 1-10 (NA for a value outside it, with a warning).
RATINGS: dict[str, object] = {
    **IDENTITY,
    "type": STR,
    "season": "Int64",
    "episode": "Int64",
    "episode_title": STR,
    "episode_trakt_id": "Int64",
    "rating": "Int64",
    "rated_at": UTC,  # when the user rated it (UTC)
}

#: One row per announced episode that has not aired yet (``Progress.schedule``),
#: by show, season, episode: what the metadata's episode guide (TVmaze) lists
#: with an air time after the load. Never counted in ``aired`` or ``left``.
SCHEDULE: dict[str, object] = {
    **IDENTITY,
    "season": "int32",
    "episode": "int32",
    "episode_title": STR,
    "first_aired": UTC,  # the air time, UTC
    "runtime": "Int32",  # minutes; NA when unknown
}

#: One row per credit of a show (``Progress.people``): who played whom (``role``
#: ``"cast"``, with ``character``) and who made it (``"crew"``, with ``job``),
#: from TVmaze's ``/shows/{id}/cast`` and ``/shows/{id}/crew`` with
#: ``ta.TVmaze(people=True)``. The identity columns are the show's; ``person_id``
#: is TVmaze's person id (one person, one id, across shows).
PEOPLE: dict[str, object] = {
    **IDENTITY,
    "role": STR,  # "cast" or "crew"
    "person_id": "Int64",
    "name": STR,
    "character": STR,  # cast: the character played (NA for crew)
    "job": STR,  # crew: "Creator", "Director", ... (NA for cast)
}

#: Column groups that several sources fill together (in :data:`FILLED_BY` and
#: :data:`FILLED_BY_METADATA`): a show's or season's episode counts, a show's plays by
#: kind, and its next episode to watch.
_COUNTS = ("aired", "completed", "left", "percentage", "completion")
_PLAYS = ("plays", "scrobbles", "checkins", "seen")
_NEXT_EPISODE = ("next_season", "next_number", "next_title", "next_first_aired")

#: Which source fills which columns, beyond the identity columns each sends.
#: Every other column of :data:`SHOWS`, :data:`SEASONS` and :data:`EPISODES` is
#: all NA for that source. "export" is :func:`~trakt_analysis.load_export` without
#: metadata; with TVmaze metadata it also fills the counts and air times. The demo
#: users are v1 responses (``Provenance.kind`` "demo") with a generated history.
FILLED_BY: dict[str, dict[str, tuple[str, ...]]] = {
    "v1": {
        "identity": ("title", "year", "imdb_id", "tvdb_id", "tvrage_id"),
        "shows": (
            *_COUNTS,
            *_PLAYS,
            *_NEXT_EPISODE,
            *VIEWER,
            # with extended=full: Trakt's show fields (language and status where sent)
            *SHOW_METADATA,
        ),
        "seasons": (*_COUNTS, "hidden"),
        "episodes": ("watched", "runtime"),  # runtime: the show's, with extended=full
    },
    "v2": {
        "identity": ("title", "year", "trakt_id", "slug", "imdb_id", "tvdb_id", "tmdb_id"),
        "shows": (
            "aired",
            "completed",
            "left",
            "completion",
            # scrobbles, checkins, seen: counted from the history, with history=True
            *_PLAYS,
            *_NEXT_EPISODE,
            "last_watched_at",
            "reset_at",
            # the watched list's extended=full show objects; Trakt has no show type
            *(name for name in SHOW_METADATA if name != "show_type"),
        ),
        "seasons": ("aired", "completed", "left", "completion", "hidden"),
        # first_aired and runtime: a public profile's, from the show's seasons
        # (/shows/{id}/seasons?extended=episodes,full); NA when signed in.
        "episodes": ("watched", "plays", "last_watched_at", "first_aired", "runtime"),
    },
    "export": {
        "identity": ("title", "year", "trakt_id", "slug", "imdb_id", "tvdb_id", "tmdb_id"),
        "shows": (
            # aired: watched-shows' show.aired_episodes (NA for a show with a hidden season,
            # or with specials=True); left, percentage and completion follow from it.
            *_COUNTS,
            *_PLAYS,
            "last_watched_at",
            "reset_at",
        ),
        # hidden: from hidden-progress-watched.json.
        "seasons": ("completed", "hidden"),
        # runtime: NA. The export's history (extended=gdpr) carries no runtimes; a metadata
        # provider fills them (an older export whose items carry one fills it too).
        "episodes": ("watched", "plays", "last_watched_at"),
    },
}
#: The demo users: v1 responses, with ``last_watched_at`` from their generated history.
FILLED_BY["demo"] = {
    **FILLED_BY["v1"],
    "shows": (*FILLED_BY["v1"]["shows"], "last_watched_at"),
}

#: What a metadata provider (``Provenance.metadata``) fills on top of its source's
#: columns (:meth:`trakt_analysis.TVmaze.complete`). The shows frame also gains
#: ``tvmaze_id`` and ``unlisted_watched`` after the schema's columns.
FILLED_BY_METADATA: dict[str, dict[str, tuple[str, ...]]] = {
    "TVmaze": {
        "identity": (),
        "shows": (
            *_COUNTS,
            *_NEXT_EPISODE,
            # where the source left them NA: TVmaze's show record in Trakt's words.
            # A value Trakt sent (v1 or v2 extended=full) wins, cell by cell: it is
            # the user's own source; TVmaze fills the rest, show_type always.
            *SHOW_METADATA,
        ),
        "seasons": _COUNTS,
        "episodes": ("first_aired", "runtime"),
    },
}

#: Identity columns stored as categoricals in the long frames (seasons, episodes,
#: history): one small integer code per row (int8 or int16: one per show) instead of
#: a string or an 8-byte id. The text columns' categories are ``str``, the ids'
#: ``Int64``, so every value is kept exactly; an id compares (``==``, ``isin``),
#: groups and joins the shows frame's ``Int64`` column as usual.
CATEGORICAL_IN_LONG_FRAMES = (
    "user",
    "title",
    "slug",
    "imdb_id",
    "trakt_id",
    "tvdb_id",
    "tmdb_id",
    "tvrage_id",
)

#: Identity number columns stored as smaller nullable ints in the long frames: a
#: year fits in 16 bits (and keeps ``<``, ``>`` and arithmetic, which a categorical
#: would not). A value that does not fit loads as NA there, with a
#: ``TraktDataWarning`` naming the show; the shows frame keeps it (Int64).
SMALL_INTS_IN_LONG_FRAMES: dict[str, str] = {"year": "Int16"}


def categories_dtype(name: str) -> object:
    """The dtype of the categories of :data:`CATEGORICAL_IN_LONG_FRAMES` column `name`.

    ``str`` for the text columns, ``Int64`` for the ids: the shows frame's dtype.
    """
    return IDENTITY[name]


def frame_dtypes(schema: Mapping[str, object], *, long: bool) -> dict[str, object]:
    """The column -> dtype mapping of a frame, with the long frames' compact identity.

    In long frames, :data:`CATEGORICAL_IN_LONG_FRAMES` are ``"category"`` and
    :data:`SMALL_INTS_IN_LONG_FRAMES` their smaller ints. They join and
    compare with the shows frame's ``str`` and ``Int64`` columns as usual
    (``merge`` on the identity columns, ``==``); concatenating two users'
    long frames gives ``object`` text columns where their categories differ
    (``pandas.api.types.union_categoricals`` keeps them categorical).
    """
    if not long:
        return dict(schema)
    return {
        name: "category"
        if name in CATEGORICAL_IN_LONG_FRAMES
        else SMALL_INTS_IN_LONG_FRAMES.get(name, dtype)
        for name, dtype in schema.items()
    }
