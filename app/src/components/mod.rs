//! Building blocks shared by the lessons: input fields with inline validation, heat-map grids,
//! playback controls and the canvas that hosts plotters charts.

pub mod field;
pub mod grid;
pub mod playback;
pub mod plot;
