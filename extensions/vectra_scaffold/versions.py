"""Template versions: this tool's own, and a template source's tags and
commits, read with git alone (a bare clone per run), so that one run pins one
commit for every unit it renders."""

from __future__ import annotations

import contextlib
import re
import subprocess
import tempfile
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path

from packaging.version import InvalidVersion, Version

PACKAGE = "vectra-scaffold"
# copier's own short forms of a repository's URL.
SHORT_FORMS = {"gh:": "https://github.com/", "gl:": "https://gitlab.com/"}


class VersionError(Exception):
    """A template source or ref that git cannot read: one line."""


def tool_version() -> str:
    try:
        return metadata.version(PACKAGE)
    except metadata.PackageNotFoundError:  # run from a checkout of the template
        return "unreleased"


def git_url(source: str) -> str:
    for short, long in SHORT_FORMS.items():
        if source.startswith(short):
            url = long + source[len(short) :]
            return url if url.endswith(".git") else f"{url}.git"
    if source.startswith("git+"):
        return source[len("git+") :]
    if "://" in source or source.startswith("git@"):
        return source
    return str(Path(source).expanduser().resolve())


RELEASE_TAG = re.compile(r"v?[0-9]+(\.[0-9]+)*")


def scaffold_requirement(source: str, commit: str | None, commit_hash: str | None) -> str:
    """The pip requirement of this tool at a template version: the template's
    repository at its release tag, else at its commit."""
    ref = commit if commit and RELEASE_TAG.fullmatch(commit) else commit_hash or "HEAD"
    url = git_url(source)
    # A host in the file URL: pip refuses `git+file:///…` (no host) as a URL.
    url = f"file://localhost{url}" if url.startswith("/") else url
    return f"{PACKAGE} @ git+{url}@{ref}"


def git(cwd: Path | None, *args: str) -> str:
    result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True)
    if result.returncode != 0:
        lines = [line for line in result.stderr.splitlines() if line.strip()]
        raise VersionError(f"git {args[0]}: {lines[-1] if lines else 'failed'}")
    return result.stdout.strip()


def release(tag: str) -> Version | None:
    try:
        version = Version(tag)
    except InvalidVersion:
        return None
    return None if version.is_prerelease else version


class Template:
    """A bare clone of the template at `source`, for one run."""

    def __init__(self, source: str, folder: Path) -> None:
        self.source = source
        self.folder = folder

    def latest_tag(self) -> str | None:
        """The newest release tag, PEP 440 order, as copier picks it; None without tags."""
        tags = [tag for tag in git(self.folder, "tag", "--list").splitlines() if release(tag)]
        return max(tags, key=lambda tag: release(tag) or Version("0"), default=None)

    def commit(self, ref: str | None) -> str:
        """The full commit of `ref` (a tag, branch, commit, or `git describe`
        output as copier records it); the latest tag, else HEAD, without one."""
        ref = ref or self.latest_tag() or "HEAD"
        try:
            return git(self.folder, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
        except VersionError:
            raise VersionError(f"the template {self.source} has no version {ref!r}") from None

    def describe(self, commit: str) -> str:
        """The name copier records for `commit` (`_commit`): its tag, or tag-N-gHASH."""
        return git(self.folder, "describe", "--tags", "--always", commit)


@contextlib.contextmanager
def template(source: str) -> Iterator[Template]:
    with tempfile.TemporaryDirectory(prefix="vectra-scaffold-") as scratch:
        folder = Path(scratch) / "template.git"
        git(None, "clone", "--bare", "--quiet", git_url(source), str(folder))
        yield Template(source, folder)
