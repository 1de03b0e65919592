"""Ordering a day's visits into a short route: nearest neighbour for a start, then 2-opt, on great-circle
(haversine) distances. The route is open: it starts at the grid office (or the first enterprise)
and ends at the last visit; nobody walks back to the office on the sheet."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from app.planning.geo import Point, haversine_m

Matrix = list[list[float]]


def distance_matrix(points: Sequence[Point]) -> Matrix:
    n = len(points)
    matrix = [[0.0] * n for _ in range(n)]
    for i in range(n):
        for j in range(i + 1, n):
            d = haversine_m(points[i], points[j])
            matrix[i][j] = matrix[j][i] = d
    return matrix


def route_length(order: Sequence[int], dist: Matrix) -> float:
    return sum(dist[a][b] for a, b in itertools.pairwise(order))


def nearest_neighbour(dist: Matrix, start: int = 0) -> list[int]:
    n = len(dist)
    if n == 0:
        return []
    order = [start]
    left = set(range(n)) - {start}
    while left:
        here = order[-1]
        nxt = min(left, key=lambda j: (dist[here][j], j))
        order.append(nxt)
        left.remove(nxt)
    return order


def two_opt(order: Sequence[int], dist: Matrix, *, max_rounds: int = 100) -> list[int]:
    """Reverses segments while that shortens the open path; the first stop stays first. Only
    improving moves are taken, so the result is never longer than the input."""
    best = list(order)
    n = len(best)
    if n < 3:
        return best
    for _ in range(max_rounds):
        improved = False
        for i in range(1, n - 1):
            a, b = best[i - 1], best[i]
            for j in range(i + 1, n):
                c = best[j]
                if j + 1 < n:
                    d = best[j + 1]
                    delta = dist[a][c] + dist[b][d] - dist[a][b] - dist[c][d]
                else:
                    delta = dist[a][c] - dist[a][b]
                if delta < -1e-9:
                    best[i : j + 1] = reversed(best[i : j + 1])
                    b = best[i]
                    improved = True
        if not improved:
            break
    return best


def plan_route(points: Sequence[Point], start: Point | None = None) -> tuple[list[int], float]:
    """Visiting order (indices into `points`) and its length in metres, from `start` if given (the
    grid office), else from the first point."""
    if not points:
        return [], 0.0
    nodes = [start, *points] if start is not None else list(points)
    dist = distance_matrix(nodes)
    order = two_opt(nearest_neighbour(dist, 0), dist)
    length = route_length(order, dist)
    if start is not None:
        return [i - 1 for i in order[1:]], length
    return order, length
