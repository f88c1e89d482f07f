"""A figure's rows × columns as aligned tables: each cell's value, its n and its 95 %
interval, so a heatmap can show all three in every cell."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class CellGrid:
    values: pd.DataFrame
    counts: pd.DataFrame  # whole numbers, 0 where a cell has nothing
    low: pd.DataFrame
    high: pd.DataFrame

    @property
    def empty(self) -> bool:
        return self.values.empty

    @classmethod
    def nothing(cls) -> CellGrid:
        return cls(pd.DataFrame(), pd.DataFrame(), pd.DataFrame(), pd.DataFrame())

    @classmethod
    def of(
        cls, cells: pd.DataFrame, columns: tuple[str, str, str, str], rows: list[str] | None = None
    ) -> CellGrid:
        """From a table indexed by (row, column) with the value, n, low and high
        ``columns``; rows in the order of ``rows`` when given."""

        def table(name: str) -> pd.DataFrame:
            grid = cells[name].unstack()
            return grid if rows is None else grid.reindex(rows)

        value, count, low, high = columns
        counts = table(count).fillna(0).astype(int)
        return cls(table(value), counts, table(low), table(high))
