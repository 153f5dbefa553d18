//! Building blocks shared by the lessons: input fields with inline validation, heat-map grids,
//! playback controls, the canvas that hosts plotters charts, and a drawing pad.

pub mod animation;
pub mod draw_pad;
pub mod field;
pub mod grid;
pub mod lanes;
pub mod playback;
pub mod plot;
