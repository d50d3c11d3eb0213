"""What the demo shows are, as TVmaze records it: genres, network, country, language, people.

Real facts for the real titles of the generator's list (:data:`FACTS`, keyed by
``(title, year)``), made-up ones for its made-up titles, so the demo's
breakdowns (by genre, network, country, language, decade) and its top people
look like a Trakt fan's. A title past the list (a benchmark's ``"Dark (2)"``)
gets :func:`facts`' fallback, drawn from the index. TVmaze's vocabulary: genre
names as TVmaze spells them (``"Science-Fiction"``), a network or, for a
streaming show, a web channel, a language name.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["FACTS", "ShowFacts", "facts"]


@dataclass(frozen=True)
class ShowFacts:
    """One show as TVmaze knows it; ``web`` True: ``network`` is a web channel (streaming)."""

    genres: tuple[str, ...]
    network: str | None
    country: str | None  # ISO 3166-1 alpha-2, as TVmaze sends it (upper case)
    language: str
    type: str = "Scripted"
    status: str = "Ended"
    web: bool = False
    cast: tuple[tuple[str, str], ...] = field(default=())  # (person, character)
    crew: tuple[tuple[str, str], ...] = field(default=())  # (person, job)


F = ShowFacts
FACTS: dict[tuple[str, int], ShowFacts] = {
    ("Game of Thrones", 2011): F(
        ("Drama", "Adventure", "Fantasy"),
        "HBO",
        "US",
        "English",
        cast=(
            ("Emilia Clarke", "Daenerys Targaryen"),
            ("Kit Harington", "Jon Snow"),
            ("Peter Dinklage", "Tyrion Lannister"),
        ),
        crew=(("David Benioff", "Creator"), ("D. B. Weiss", "Creator")),
    ),
    ("Breaking Bad", 2008): F(
        ("Drama", "Crime", "Thriller"),
        "AMC",
        "US",
        "English",
        cast=(
            ("Bryan Cranston", "Walter White"),
            ("Aaron Paul", "Jesse Pinkman"),
            ("Bob Odenkirk", "Saul Goodman"),
        ),
        crew=(("Vince Gilligan", "Creator"),),
    ),
    ("The Wire", 2002): F(
        ("Drama", "Crime"),
        "HBO",
        "US",
        "English",
        cast=(("Dominic West", "Jimmy McNulty"), ("Idris Elba", "Stringer Bell")),
        crew=(("David Simon", "Creator"),),
    ),
    ("Battlestar Galactica", 1978): F(
        ("Action", "Science-Fiction"),
        "ABC",
        "US",
        "English",
        cast=(("Lorne Greene", "Commander Adama"), ("Richard Hatch", "Captain Apollo")),
        crew=(("Glen A. Larson", "Creator"),),
    ),
    ("Battlestar Galactica", 2004): F(
        ("Drama", "Action", "Science-Fiction"),
        "Syfy",
        "US",
        "English",
        cast=(
            ("Edward James Olmos", "William Adama"),
            ("Mary McDonnell", "Laura Roslin"),
            ("Katee Sackhoff", "Kara Thrace"),
        ),
        crew=(("Ronald D. Moore", "Developer"),),
    ),
    ("Doctor Who", 1963): F(
        ("Drama", "Adventure", "Science-Fiction"),
        "BBC One",
        "GB",
        "English",
        cast=(("William Hartnell", "The Doctor"), ("Tom Baker", "The Doctor")),
        crew=(("Sydney Newman", "Creator"),),
    ),
    ("Doctor Who", 2005): F(
        ("Drama", "Adventure", "Science-Fiction"),
        "BBC One",
        "GB",
        "English",
        status="Running",
        cast=(
            ("David Tennant", "The Doctor"),
            ("Matt Smith", "The Doctor"),
            ("Jenna Coleman", "Clara Oswald"),
        ),
        crew=(("Russell T Davies", "Executive Producer"), ("Steven Moffat", "Executive Producer")),
    ),
    ("Shōgun", 1980): F(
        ("Drama", "History"),
        "NBC",
        "US",
        "English",
        cast=(("Richard Chamberlain", "John Blackthorne"), ("Toshiro Mifune", "Toranaga")),
        crew=(("James Clavell", "Executive Producer"),),
    ),
    ("Shōgun", 2024): F(
        ("Drama", "History", "War"),
        "FX",
        "US",
        "English",
        status="Running",
        cast=(
            ("Hiroyuki Sanada", "Yoshii Toranaga"),
            ("Anna Sawai", "Toda Mariko"),
            ("Cosmo Jarvis", "John Blackthorne"),
        ),
        crew=(("Rachel Kondo", "Creator"), ("Justin Marks", "Creator")),
    ),
    ("進撃の巨人", 2013): F(
        ("Action", "Anime", "Fantasy"),
        "NHK General",
        "JP",
        "Japanese",
        type="Animation",
        cast=(("Yuki Kaji", "Eren Yeager"), ("Yui Ishikawa", "Mikasa Ackerman")),
        crew=(("Hajime Isayama", "Original Concept"),),
    ),
    ("La casa de papel", 2017): F(
        ("Drama", "Crime", "Thriller"),
        "Netflix",
        None,
        "Spanish",
        web=True,
        cast=(("Úrsula Corberó", "Tokio"), ("Álvaro Morte", "El Profesor")),
        crew=(("Álex Pina", "Creator"),),
    ),
    ("Pokémon", 1997): F(
        ("Action", "Adventure", "Anime"),
        "TV Tokyo",
        "JP",
        "Japanese",
        type="Animation",
        status="Running",
        cast=(("Rica Matsumoto", "Ash Ketchum"), ("Ikue Ōtani", "Pikachu")),
        crew=(("Satoshi Tajiri", "Creator"),),
    ),
    ("Ψ Station 🚀", 2021): F(
        ("Science-Fiction", "Mystery"),
        "Apple TV+",
        None,
        "English",
        web=True,
        status="Running",
        cast=(("Mara Lindqvist", "Commander Ise"), ("Jonah Abara", "Teo")),
        crew=(("Priya Raman", "Creator"),),
    ),
    ("Dark", 2017): F(
        ("Drama", "Mystery", "Science-Fiction"),
        "Netflix",
        None,
        "German",
        web=True,
        cast=(("Louis Hofmann", "Jonas Kahnwald"), ("Lisa Vicari", "Martha Nielsen")),
        crew=(("Baran bo Odar", "Creator"), ("Jantje Friese", "Creator")),
    ),
    ("Jeopardy!", 1984): F(
        (),
        "Syndication",
        "US",
        "English",
        type="Game Show",
        status="Running",
        cast=(("Alex Trebek", "Host"), ("Ken Jennings", "Host")),
        crew=(("Merv Griffin", "Creator"),),
    ),
    ("The Daily Show", 1996): F(
        ("Comedy",),
        "Comedy Central",
        "US",
        "English",
        type="Talk Show",
        status="Running",
        cast=(("Jon Stewart", "Host"), ("Trevor Noah", "Host")),
        crew=(("Madeleine Smithberg", "Creator"),),
    ),
    ("1883", 2021): F(
        ("Drama", "Western"),
        "Paramount+",
        "US",
        "English",
        web=True,
        cast=(("Sam Elliott", "Shea Brennan"), ("Tim McGraw", "James Dutton")),
        crew=(("Taylor Sheridan", "Creator"),),
    ),
    ("NA", 2019): F(
        ("Comedy",),
        "BBC Three",
        "GB",
        "English",
        cast=(("Nadia Aziz", "Nadia"),),
        crew=(("Amir Hollis", "Creator"),),
    ),
    ("Brooklyn Nine-Nine", 2013): F(
        ("Comedy", "Crime"),
        "NBC",
        "US",
        "English",
        cast=(("Andy Samberg", "Jake Peralta"), ("Andre Braugher", "Raymond Holt")),
        crew=(("Michael Schur", "Creator"), ("Dan Goor", "Creator")),
    ),
    ("Parks and Recreation", 2009): F(
        ("Comedy",),
        "NBC",
        "US",
        "English",
        cast=(
            ("Amy Poehler", "Leslie Knope"),
            ("Nick Offerman", "Ron Swanson"),
            ("Aubrey Plaza", "April Ludgate"),
        ),
        crew=(("Michael Schur", "Creator"), ("Greg Daniels", "Creator")),
    ),
    ("The Office", 2005): F(
        ("Comedy",),
        "NBC",
        "US",
        "English",
        cast=(
            ("Steve Carell", "Michael Scott"),
            ("Rainn Wilson", "Dwight Schrute"),
            ("Jenna Fischer", "Pam Beesly"),
        ),
        crew=(("Greg Daniels", "Developer"), ("Michael Schur", "Writer")),
    ),
    ("The Office", 2001): F(
        ("Comedy",),
        "BBC Two",
        "GB",
        "English",
        cast=(("Ricky Gervais", "David Brent"), ("Martin Freeman", "Tim Canterbury")),
        crew=(("Ricky Gervais", "Creator"), ("Stephen Merchant", "Creator")),
    ),
    ("เคว้ง", 2020): F(
        ("Drama", "Science-Fiction", "Thriller"),
        "Netflix",
        None,
        "Thai",
        web=True,
        cast=(("Mario Maurer", "Sam"), ("Nychaa Nuttanicha", "Yok")),
        crew=(("Pairach Khumwan", "Director"),),
    ),
    ("Fleabag", 2016): F(
        ("Comedy", "Drama"),
        "BBC Three",
        "GB",
        "English",
        cast=(("Phoebe Waller-Bridge", "Fleabag"), ("Olivia Colman", "Godmother")),
        crew=(("Phoebe Waller-Bridge", "Creator"),),
    ),
    ("Chernobyl", 2019): F(
        ("Drama", "History"),
        "HBO",
        "US",
        "English",
        cast=(("Jared Harris", "Valery Legasov"), ("Stellan Skarsgård", "Boris Shcherbina")),
        crew=(("Craig Mazin", "Creator"),),
    ),
    ("Severance", 2022): F(
        ("Drama", "Mystery", "Science-Fiction"),
        "Apple TV+",
        None,
        "English",
        web=True,
        status="Running",
        cast=(
            ("Adam Scott", "Mark Scout"),
            ("Britt Lower", "Helly R."),
            ("John Turturro", "Irving Bailiff"),
        ),
        crew=(("Dan Erickson", "Creator"), ("Ben Stiller", "Director")),
    ),
    ("कौन बनेगा करोड़पति", 2000): F(
        (),
        "Sony Entertainment Television",
        "IN",
        "Hindi",
        type="Game Show",
        status="Running",
        cast=(("Amitabh Bachchan", "Host"),),
        crew=(("Siddhartha Basu", "Producer"),),
    ),
    ("Succession", 2018): F(
        ("Drama", "Comedy"),
        "HBO",
        "US",
        "English",
        cast=(
            ("Brian Cox", "Logan Roy"),
            ("Jeremy Strong", "Kendall Roy"),
            ("Sarah Snook", "Siobhan Roy"),
        ),
        crew=(("Jesse Armstrong", "Creator"),),
    ),
    ("Ted Lasso", 2020): F(
        ("Comedy", "Drama", "Sports"),
        "Apple TV+",
        None,
        "English",
        web=True,
        status="To Be Determined",
        cast=(("Jason Sudeikis", "Ted Lasso"), ("Hannah Waddingham", "Rebecca Welton")),
        crew=(("Bill Lawrence", "Developer"),),
    ),
    ("Better Call Saul", 2015): F(
        ("Drama", "Crime", "Legal"),
        "AMC",
        "US",
        "English",
        cast=(
            ("Bob Odenkirk", "Jimmy McGill"),
            ("Rhea Seehorn", "Kim Wexler"),
            ("Aaron Paul", "Jesse Pinkman"),
        ),
        crew=(("Vince Gilligan", "Creator"), ("Peter Gould", "Creator")),
    ),
    ("Twin Peaks", 1990): F(
        ("Drama", "Mystery", "Supernatural"),
        "ABC",
        "US",
        "English",
        cast=(("Kyle MacLachlan", "Dale Cooper"), ("Sheryl Lee", "Laura Palmer")),
        crew=(("David Lynch", "Creator"), ("Mark Frost", "Creator")),
    ),
    ("Twin Peaks", 2017): F(
        ("Drama", "Mystery", "Supernatural"),
        "Showtime",
        "US",
        "English",
        cast=(("Kyle MacLachlan", "Dale Cooper"), ("Naomi Watts", "Janey-E Jones")),
        crew=(("David Lynch", "Creator"), ("Mark Frost", "Creator")),
    ),
    ("The Expanse", 2015): F(
        ("Drama", "Science-Fiction", "Thriller"),
        "Syfy",
        "US",
        "English",
        cast=(("Steven Strait", "James Holden"), ("Dominique Tipper", "Naomi Nagata")),
        crew=(("Mark Fergus", "Developer"), ("Hawk Ostby", "Developer")),
    ),
    ("Arcane", 2021): F(
        ("Action", "Adventure", "Fantasy"),
        "Netflix",
        None,
        "English",
        type="Animation",
        web=True,
        cast=(("Hailee Steinfeld", "Vi"), ("Ella Purnell", "Jinx")),
        crew=(("Christian Linke", "Creator"), ("Alex Yee", "Creator")),
    ),
    ("사랑의 불시착", 2019): F(
        ("Drama", "Comedy", "Romance"),
        "tvN",
        "KR",
        "Korean",
        cast=(("Hyun Bin", "Ri Jeong-hyeok"), ("Son Ye-jin", "Yoon Se-ri")),
        crew=(("Park Ji-eun", "Writer"),),
    ),
    ("Hell's Kitchen", 2005): F(
        ("Food",),
        "FOX",
        "US",
        "English",
        type="Reality",
        status="Running",
        cast=(("Gordon Ramsay", "Host"),),
        crew=(("Arthur Smith", "Executive Producer"),),
    ),
    ("Suits", 2011): F(
        ("Drama", "Legal"),
        "USA Network",
        "US",
        "English",
        cast=(
            ("Gabriel Macht", "Harvey Specter"),
            ("Patrick J. Adams", "Mike Ross"),
            ("Meghan Markle", "Rachel Zane"),
        ),
        crew=(("Aaron Korsh", "Creator"),),
    ),
    ("<Tales> & =SUM(A1)", 2020): F(
        ("Comedy", "Family"),
        "CBC",
        "CA",
        "French",
        cast=(("Éloïse Gagnon", "Margaux"),),
        crew=(("Luc Tremblay", "Creator"),),
    ),
    ("The Extraordinarily Long-Running Chronicles of an Imaginary Detective Agency", 2012): F(
        ("Crime", "Mystery"),
        "ITV1",
        "GB",
        "English",
        cast=(("Harriet Vane", "Inspector Dorothy Quill"),),
        crew=(("Edmund Crisp", "Creator"),),
    ),
    ("Ku'damm 56", 2016): F(
        ("Drama", "Music", "History"),
        "ZDF",
        "DE",
        "German",
        cast=(("Sonja Gerhardt", "Monika Schöllack"), ("Claudia Michelsen", "Caterina Schöllack")),
        crew=(("Annette Hess", "Writer"),),
    ),
}
del F

_FALLBACK_GENRES = (("Drama",), ("Comedy",), ("Crime", "Drama"), ("Science-Fiction",), ())
_FALLBACK_NETWORKS = (("HBO", "US", False), ("Netflix", None, True), ("BBC One", "GB", False))


def facts(title: str, year: int, index: int) -> ShowFacts:
    """The facts of a planned show: :data:`FACTS` for the list's titles, else drawn from `index`."""
    known = FACTS.get((title, year))
    if known is not None:
        return known
    for (name, when), value in FACTS.items():  # "Dark (2)": the list's title, repeated
        if title.startswith(f"{name} (") and when == year:
            return value
    network, country, web = _FALLBACK_NETWORKS[index % len(_FALLBACK_NETWORKS)]
    return ShowFacts(
        _FALLBACK_GENRES[index % len(_FALLBACK_GENRES)], network, country, "English", web=web
    )
