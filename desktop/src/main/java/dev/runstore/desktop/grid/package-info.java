/**
 * The paged results grid shared by the Browse and SQL panels: rows as lists of values, each cell
 * shown in one line ({@link dev.runstore.core.query.CellText}) and in full in the cell viewer
 * ({@link dev.runstore.desktop.grid.CellDetail}), with copy of a cell or a row.
 */
package dev.runstore.desktop.grid;
